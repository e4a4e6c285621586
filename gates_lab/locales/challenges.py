"""Strings of the challenges page (gates_lab/pages/challenges.py, gates_lab/classroom/challenges.py)."""

STRINGS: dict[str, tuple[str, str]] = {
    "chal.intro": (
        "Set the weights of a tiny cell so that its gates do a job. Move the sliders, watch "
        "the gates, then press Check. A link to this page opens the same challenge.",
        "调整一个小单元的权重，让它的门完成一项任务。拖动滑块，观察门的变化，然后点击“检查”。"
        "此页面的链接会打开同一个挑战。",
    ),
    "chal.select": ("Challenge", "挑战"),
    "chal.goal": ("Goal", "目标"),
    "chal.cell": ("Cell: {kind}, input size {i}, hidden size {h}, {length} steps.",
                  "单元：{kind}，输入维度 {i}，隐藏维度 {h}，共 {length} 步。"),
    "chal.weights": ("Weights", "权重"),
    "chal.weights_help": (
        "Gate order and equations as in PyTorch. Everything starts from the challenge's "
        "start weights.",
        "门的顺序和公式与 PyTorch 一致。所有权重都从挑战的初始权重开始。",
    ),
    "chal.input": ("The fixed input", "固定的输入"),
    "chal.gates": ("Gates and states over time", "门与状态随时间的变化"),
    "chal.current": ("Your current result", "你当前的结果"),
    "chal.check": ("Check", "检查"),
    "chal.pass": ("Solved! {title}", "成功！{title}"),
    "chal.fail": ("Not yet: {parts}", "还没有完成：{parts}"),
    "chal.tries": ("Checks so far: {n}", "已检查次数：{n}"),
    "chal.hint": ("Hint", "提示"),
    "chal.solution": ("Show solution", "显示答案"),
    "chal.solution_help": ("Loads weights that pass; look at what changed. A shown solution "
                           "is not counted as solved.",
                           "载入能通过的权重；看看改动了哪些。看过的答案不算完成。"),
    "chal.solution_loaded": (
        "These are the solution's weights. They pass, but a solution you were shown does not "
        "count: press *Back to the start weights* and make Check pass with weights of your "
        "own.",
        "这些是答案的权重。它们能通过检查，但看过的答案不算数：点击“恢复初始权重”，用你自己的"
        "权重通过检查。"),
    "chal.shown_not_counted": (
        "Check passes on the solution you were shown, so it is not counted as solved. Change "
        "the weights yourself, then Check again.",
        "检查通过的是你看过的答案，因此不算完成。请自己调整权重，再点击“检查”。"),
    "chal.goal_band": (
        "The green band on the {state} panel is where the goal wants it at each step (its "
        "tolerance); the dashed line is the target value. Bring the line into the band.",
        "{state}面板上的绿色带是目标在每一步要求它所在的范围（容差）；虚线是目标值。让曲线进入"
        "绿色带。"),
    "chal.state.hidden": ("hidden state h", "隐藏状态 h "),
    "chal.state.cell": ("cell state c", "细胞状态 c "),
    "chal.restart": ("Back to the start weights", "恢复初始权重"),
    "chal.step": ("step", "步"),
    "chal.x": ("x[{c}]", "x[{c}]"),
    "chal.weights_error": ("These weights cannot be run: {msg}", "这些权重无法运行：{msg}"),
    # --------------------------------------------------------------- the challenges
    "chal.gru-latch.title": ("GRU latch: hold a value until told to write",
                             "GRU 锁存器：保持数值，直到收到写入信号"),
    "chal.gru-latch.goal": (
        "Channel x[0] carries a value that keeps changing; channel x[1] is a write signal "
        "(1 at a few steps). From each write on, the hidden state must hold tanh(value at "
        "that write), within 0.1, until the next write.",
        "通道 x[0] 传入不断变化的数值；通道 x[1] 是写入信号（只在少数几步为 1）。从每次写入起，"
        "隐藏状态必须保持为 tanh(写入时的数值)（误差在 0.1 以内），直到下一次写入。",
    ),
    "chal.gru-latch.hint": (
        "In torch's GRU, h' = (1 - z) n + z h: the update gate z near 1 keeps the old state, "
        "z near 0 takes the candidate. Give z a large positive bias (keep) and a large "
        "negative weight from the write channel (write).",
        "在 torch 的 GRU 中 h' = (1 - z) n + z h：更新门 z 接近 1 时保持旧状态，接近 0 时采用"
        "候选状态。给 z 一个很大的正偏置（保持），再给写入通道一个很大的负权重（写入）。",
    ),
    "chal.lstm-count.title": ("LSTM counter: count the impulses", "LSTM 计数器：数脉冲"),
    "chal.lstm-count.goal": (
        "The input has an impulse (1) every 7 steps. The cell state c must equal the number "
        "of impulses seen so far, within 0.2, at every step.",
        "输入每 7 步有一个脉冲（值为 1）。细胞状态 c 在每一步都必须等于目前为止见到的脉冲数，"
        "误差在 0.2 以内。",
    ),
    "chal.lstm-count.hint": (
        "c' = f c + i g. Keep the forget gate at 1 (large bias), make the candidate g "
        "about 1 on an impulse, and open the input gate only on an impulse (a large weight "
        "with a negative bias).",
        "c' = f c + i g。让遗忘门保持为 1（大偏置），让候选值 g 在脉冲时约为 1，并且只在脉冲时"
        "打开输入门（大权重配合负偏置）。",
    ),
    "chal.gru-as-rnn.title": ("Make a GRU behave as a plain RNN", "让 GRU 表现得像普通 RNN"),
    "chal.gru-as-rnn.goal": (
        "The GRU's hidden state must match, within 0.01 at every step, a plain tanh RNN "
        "that uses the GRU's candidate weights (W_ih = W_in, W_hh = W_hn, and the same "
        "biases). The RNN twin must actually move (|h| above 0.2 somewhere).",
        "GRU 的隐藏状态必须在每一步都与一个普通 tanh RNN 一致（误差在 0.01 以内）；这个 RNN "
        "使用 GRU 候选状态的权重（W_ih = W_in，W_hh = W_hn，偏置也相同）。这个 RNN 必须真的"
        "有变化（某处 |h| 大于 0.2）。",
    ),
    "chal.gru-as-rnn.hint": (
        "The plain RNN always takes its new value. Which gate values make h' = n and "
        "n = tanh(W_in x + W_hn h)? Pin each of them with a large bias.",
        "普通 RNN 每一步都直接采用新值。什么样的门值能使 h' = n 且 n = tanh(W_in x + W_hn h)？"
        "用很大的偏置把它们固定住。",
    ),
    "chal.gru-wipe.title": ("Wipe the memory on a reset cue", "在重置提示到来时清空记忆"),
    "chal.gru-wipe.goal": (
        "Pulses on x[0] should pile up in the hidden state, which must hold still between "
        "them (above 0.6 just before each cue). At each cue on x[1] the state must drop to "
        "0 (|h| below 0.05).",
        "x[0] 上的脉冲应当在隐藏状态中累积，并且在脉冲之间保持不动（每次提示之前要大于 0.6）。"
        "每当 x[1] 出现提示，隐藏状态必须降到 0（|h| 小于 0.05）。",
    ),
    "chal.gru-wipe.hint": (
        "The update gate already opens on both channels. What lets the old state into the "
        "candidate? Close that gate when the cue comes (a large negative weight from x[1]).",
        "更新门已经会在两个通道上打开。是什么让旧状态进入候选状态的？在提示到来时把那个门"
        "关上（从 x[1] 给一个很大的负权重）。",
    ),
    "chal.rnn-explode-tame.title": ("Explode, then tame, a ReLU RNN",
                                    "让 ReLU RNN 先爆炸，再驯服它"),
    "chal.rnn-explode-tame.goal": (
        "One impulse at step 0, then silence. Two parts: with your recurrent weights "
        "doubled, the state must explode (|h| above 1000); with your weights as they are, "
        "it must stay bounded (|h| below 10). The start weights explode either way.",
        "第 0 步有一个脉冲，之后没有输入。分两部分：把你的循环权重加倍后，状态必须爆炸"
        "（|h| 大于 1000）；保持你的权重不变时，状态必须有界（|h| 小于 10）。初始权重"
        "两种情况下都会爆炸。",
    ),
    "chal.rnn-explode-tame.hint": (
        "Without input the state is multiplied by W_hh at every step (ReLU only cuts "
        "negatives). It grows when W_hh stretches vectors by more than 1, shrinks when less. "
        "Aim for a stretch between 0.5 and 1, so that doubling takes it above 1.",
        "没有输入时，状态每一步都乘以 W_hh（ReLU 只截掉负数）。W_hh 把向量拉长超过 1 倍时状态"
        "增长，小于 1 倍时缩小。把拉伸倍数调到 0.5 与 1 之间，这样加倍后就会超过 1。",
    ),
    "chal.lstm-hold-50.title": ("Keep a value for 50 steps with an LSTM",
                                "用 LSTM 把一个数值保持 50 步"),
    "chal.lstm-hold-50.goal": (
        "At the write signal on x[1] (step 3) the cell must store tanh(x[0]) (within 0.1) "
        "and keep it within 5% for the next 50 steps, while x[0] keeps changing.",
        "在 x[1] 的写入信号处（第 3 步），细胞必须存下 tanh(x[0])（误差在 0.1 以内），并在"
        "之后的 50 步内保持在 5% 以内，尽管 x[0] 一直在变化。",
    ),
    "chal.lstm-hold-50.hint": (
        "The writing already works; the keeping does not. After 50 steps a forget gate f "
        "leaves f^50 of the cell: f = 0.88 leaves almost nothing, and even f = 0.993 "
        "(bias 5) leaves only 70%. Push the forget bias much higher.",
        "写入已经没问题，保持还不行。50 步之后，遗忘门 f 只留下 f^50 的细胞状态：f = 0.88 "
        "几乎什么都不剩，即使 f = 0.993（偏置 5）也只剩 70%。把遗忘门偏置调得更高。",
    ),
    # --------------------------------------------------------------- sub-goals
    "chal.part.holds": ("holds the written value", "保持写入的数值"),
    "chal.part.counts": ("cell state = number of impulses", "细胞状态 = 脉冲数"),
    "chal.part.same_as_rnn": ("same as the plain RNN", "与普通 RNN 相同"),
    "chal.part.rnn_moves": ("the RNN twin moves", "对应的 RNN 有变化"),
    "chal.part.remembers": ("pulses pile up and hold", "脉冲累积并保持"),
    "chal.part.wiped": ("wiped at each cue", "每次提示时清空"),
    "chal.part.explodes_scaled": ("explodes with W_hh doubled", "W_hh 加倍后爆炸"),
    "chal.part.bounded": ("bounded as it is", "原样时有界"),
    "chal.part.stores": ("stores tanh(value) at the write", "写入时存下 tanh(数值)"),
    "chal.part.keeps": ("keeps it for 50 steps", "保持 50 步"),
    # --------------------------------------------------------------- numbers
    "chal.num.max_error": ("largest error", "最大误差"),
    "chal.num.tolerance": ("allowed", "允许误差"),
    "chal.num.held_share": ("share of steps within tolerance", "误差达标的步数比例"),
    "chal.num.final_cell": ("cell state at the end", "最后的细胞状态"),
    "chal.num.impulses": ("impulses", "脉冲数"),
    "chal.num.max_difference": ("largest |h_GRU − h_RNN|", "最大 |h_GRU − h_RNN|"),
    "chal.num.rnn_max_abs": ("largest |h| of the RNN", "RNN 的最大 |h|"),
    "chal.num.before_cue": ("smallest h just before a cue", "提示之前 h 的最小值"),
    "chal.num.after_cue": ("largest |h| at a cue", "提示时 |h| 的最大值"),
    "chal.num.quiet_drift": ("largest change between pulses", "脉冲之间的最大变化"),
    "chal.num.max_scaled": ("largest |h| with W_hh doubled", "W_hh 加倍后的最大 |h|"),
    "chal.num.explode_above": ("explodes above", "爆炸阈值"),
    "chal.num.max_h": ("largest |h| as it is", "原样时的最大 |h|"),
    "chal.num.bound": ("bound", "上界"),
    "chal.num.scale": ("scale of W_hh", "W_hh 的倍数"),
    "chal.num.stored": ("stored cell value", "存下的细胞值"),
    "chal.num.target": ("tanh(value) at the write", "写入时的 tanh(数值)"),
    "chal.num.drift": ("relative drift over 50 steps", "50 步内的相对漂移"),
    "chal.num.steps": ("steps to hold", "需要保持的步数"),
}
