""""What to notice" lines and questions of the variants' presets (issue 18: a gate taken
away, coupled gates, the minimal gated unit). Keys and rules as in guidance.py: every
number in a "what to notice" line is recomputed by tests/test_guidance.py."""

STRINGS: dict[str, tuple[str, str]] = {
    "guide.preset.lstm-no-forget.n1": (
        "The cell state climbs in a straight line on the constant input: 0.557 at t = 0, "
        "22.8 at t = 40, 44.5 at t = 79, and it never turns.",
        "在恒定输入上细胞状态直线上升：t = 0 时 0.557，t = 40 时 22.8，t = 79 时 44.5，"
        "从不回落。",
    ),
    "guide.preset.lstm-no-forget.n2": (
        "The hidden state stops at 0.881, the output gate's value: tanh(c) is already "
        "0.999 at t = 6, so h = o·tanh(c) cannot show how far c has gone.",
        "隐藏状态停在 0.881，也就是输出门的值：t = 6 时 tanh(c) 已经是 0.999，所以 "
        "h = o·tanh(c) 看不出 c 已经走了多远。",
    ),
    "guide.preset.lstm-no-forget.q1": (
        "Add a forget gate stuck at f = 0.5: where would the cell state stop?",
        "加上一个固定为 f = 0.5 的遗忘门：细胞状态会停在哪里？",
    ),
    "guide.preset.lstm-no-forget.a1": (
        "Where c = 0.5·c + i·g, at twice i·g, about 1.11 instead of growing forever: the "
        "forget gate is what lets an LSTM let go.",
        "在 c = 0.5·c + i·g 处，即 i·g 的两倍，约 1.11，而不是无限增长：遗忘门让 LSTM "
        "能够放下旧状态。",
    ),
    "guide.preset.lstm-coupled-hold.n1": (
        "The input gate is the mirror of the forget gate: 0 while forget is 1, and 1 at "
        "the write, t = 3, where forget drops to 0.",
        "输入门是遗忘门的镜像：遗忘门为 1 时它为 0；在写入时刻 t = 3，遗忘门降到 0，"
        "它升到 1。",
    ),
    "guide.preset.lstm-coupled-hold.n2": (
        "The cell state jumps to 0.696 at t = 3 and holds it to the last step, t = 69, "
        "step for step what the standard “hold a value” LSTM shows.",
        "细胞状态在 t = 3 跳到 0.696 并一直保持到最后一步 t = 69，与标准 LSTM 的"
        "“保持数值”预设逐步相同。",
    ),
    "guide.preset.lstm-coupled-hold.q1": (
        "With 2 inputs and 1 unit, how many weights does this cell have, and the "
        "standard LSTM?",
        "输入为 2、单元为 1 时，这个单元有多少个权重？标准 LSTM 呢？",
    ),
    "guide.preset.lstm-coupled-hold.a1": (
        "15 against 20: each gate block has 2 input weights, 1 recurrent weight and 2 "
        "biases, and this cell has 3 blocks instead of 4.",
        "15 对 20：每个门块有 2 个输入权重、1 个循环权重和 2 个偏置，这个单元只有 3 个"
        "门块而不是 4 个。",
    ),
    "guide.preset.gru-no-reset.n1": (
        "At the cues, t = 17 and t = 37, the state is not wiped: it is 0.689 and 0.706, "
        "where the standard GRU with its reset gate drops to 0.",
        "在提示时刻 t = 17 与 t = 37，状态没有被清空：分别是 0.689 和 0.706，而带重置门的"
        "标准 GRU 在那里降到 0。",
    ),
    "guide.preset.gru-no-reset.n2": (
        "Before the first cue the pulses build the state up, to 0.847 at t = 16, exactly "
        "as in the standard GRU: the reset gate only mattered at the cues.",
        "在第一个提示之前，脉冲把状态累积到 t = 16 的 0.847，与标准 GRU 完全相同：重置门"
        "只在提示时刻起作用。",
    ),
    "guide.preset.gru-no-reset.q1": (
        "The update gate lets the candidate in at the cue: why is the old state still "
        "there?",
        "在提示时刻更新门让候选状态进入：为什么旧状态还在？",
    ),
    "guide.preset.gru-no-reset.a1": (
        "Because the candidate is tanh(W_in x + W_hn h): without a reset gate nothing can "
        "take h out of it, so a fresh start is impossible.",
        "因为候选状态是 tanh(W_in x + W_hn h)：没有重置门，就没有什么能把 h 从中去掉，"
        "所以无法重新开始。",
    ),
    "guide.preset.mgu-latch.n1": (
        "The forget gate is 0 except at the writes, t = 4, 17, 30, 43 and 56, where it "
        "is 1.",
        "遗忘门除了写入时刻 t = 4、17、30、43 与 56 都为 0，在写入时刻为 1。",
    ),
    "guide.preset.mgu-latch.n2": (
        "h holds 0.736 from t = 4 to t = 16 while the value channel keeps moving, the same "
        "numbers as the GRU latch.",
        "从 t = 4 到 t = 16，h 保持 0.736，而数值通道一直在变化，与 GRU 锁存器的数值相同。",
    ),
    "guide.preset.mgu-latch.q1": (
        "The GRU latch uses an update and a reset gate: which job does the MGU's one gate "
        "do here?",
        "GRU 锁存器用了更新门和重置门：MGU 的这一个门在这里做了哪项工作？",
    ),
    "guide.preset.mgu-latch.a1": (
        "The update gate's: f = 1 takes the candidate, f = 0 keeps h; the latch never "
        "needed the reset gate.",
        "更新门的工作：f = 1 采用候选状态，f = 0 保持 h；锁存器从来不需要重置门。",
    ),
    "guide.preset.lstm-no-input.n1": (
        "At the write, t = 3, the forget gate drops to 0 and the cell takes the candidate, "
        "0.696, exactly as the standard “hold a value” LSTM does.",
        "在写入时刻 t = 3，遗忘门降到 0，细胞取候选值 0.696，与标准 LSTM 的“保持数值”"
        "预设完全相同。",
    ),
    "guide.preset.lstm-no-input.n2": (
        "From then on every candidate is added: the cell state swings between −2.98 and "
        "1.53 instead of staying at 0.696.",
        "此后每个候选值都被加进来：细胞状态在 −2.98 与 1.53 之间摆动，而不是停在 0.696。",
    ),
    "guide.preset.lstm-no-input.q1": (
        "The forget gate is 1 between writes here: why does that not keep the value?",
        "这里写入之间遗忘门为 1：为什么这样仍保不住数值？",
    ),
    "guide.preset.lstm-no-input.a1": (
        "f = 1 only keeps the old cell state; the candidate is still added on top at every "
        "step, and only an input gate near 0 can stop that.",
        "f = 1 只是保留旧的细胞状态；每一步候选值仍会叠加上去，只有接近 0 的输入门才能阻止。",
    ),
    "guide.preset.lstm-peephole-limit.n1": (
        "The input gate starts open, 0.998 at t = 0, and shuts as the cell grows: 0.180 at "
        "t = 2 and 0.006 at t = 39.",
        "输入门一开始是打开的，t = 0 时为 0.998，随着细胞增长而关闭：t = 2 时 0.180，t = 39 "
        "时 0.006。",
    ),
    "guide.preset.lstm-peephole-limit.n2": (
        "The cell state stalls: 2.06 at t = 2, only 2.77 at t = 39, where the same cell "
        "without peepholes has counted to 39.9.",
        "细胞状态停滞：t = 2 时 2.06，到 t = 39 也只有 2.77，而没有窥视孔的同一个单元已经数到 "
        "39.9。",
    ),
    "guide.preset.lstm-peephole-limit.q1": (
        "Why can the gates of a standard LSTM not do this with their recurrent weights?",
        "为什么标准 LSTM 的门不能用循环权重做到这一点？",
    ),
    "guide.preset.lstm-peephole-limit.a1": (
        "They see h = o·tanh(c), which is already flat once c passes 3, so they cannot tell "
        "a count of 3 from one of 30; a peephole reads c itself.",
        "它们只看到 h = o·tanh(c)，c 超过 3 后 h 就几乎不变，所以分不清计数 3 和 30；窥视孔"
        "直接读取 c。",
    ),
    "guide.preset.lstm-no-output.n1": (
        "The cell state takes 0.762 at the write, t = 3, and holds it to the end.",
        "细胞状态在写入时刻 t = 3 取得 0.762，并一直保持到最后。",
    ),
    "guide.preset.lstm-no-output.n2": (
        "The hidden state is 0.642 = tanh(0.762) at every step from t = 3 on, not only at "
        "the reads, t = 12, 22 and 32.",
        "从 t = 3 起隐藏状态每一步都是 0.642 = tanh(0.762)，而不只是在读取时刻 t = 12、22 "
        "与 32。",
    ),
    "guide.preset.lstm-no-output.q1": (
        "A next layer reads h: what does it receive between the reads here?",
        "下一层读取 h：在读取时刻之间它在这里收到什么？",
    ),
    "guide.preset.lstm-no-output.a1": (
        "The stored value at every step, so it cannot tell a read from any other step; an "
        "output gate would hand it 0 until the read.",
        "每一步都收到存储的数值，所以它分不清读取时刻和其他时刻；输出门会在读取之前交给它 0。",
    ),
}
