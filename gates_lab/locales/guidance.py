""""What to notice" lines and questions of the classroom presets, and the frame's labels;
those of the lesson steps, pages, learned tasks and challenges are in guidance_pages.py
(gates_lab/guidance.py assembles them).

Keys: ``guide.<guide key>.n1`` .. ``n3`` (what to notice), ``guide.<guide key>.q1`` /
``a1`` (and ``q2`` / ``a2``): a question and its answer. Every number in a "what to
notice" line is what the chart shows at the step it names; tests/test_guidance.py
recomputes each one with the engine, so a changed preset cannot leave a line wrong.
Notation follows the course notes: 更新门, 重置门, 遗忘门, 输入门, 输出门, 候选状态,
细胞状态, 隐藏状态, 时间步.
"""

STRINGS: dict[str, tuple[str, str]] = {
    # ------------------------------------------------------------------ the frame
    "guide.notice": ("What to notice", "观察要点"),
    "guide.ask": ("Questions (open one for the answer)", "思考题（点开查看答案）"),
    "guide.questions": ("Questions ({n})", "思考题（{n}）"),
    "guide.own_input": (
        "The notes about the example describe the task's example input; yours is "
        "different.",
        "关于示例的要点针对的是该任务的示例输入；你的输入与它不同。",
    ),
    "guide.own_settings": (
        "These notes describe the step's own settings; some settings differ now, so some "
        "numbers on screen will too.",
        "这些要点对应该步骤自己的设置；你改动了部分设置，所以屏幕上的一些数字也会不同。",
    ),
    # ------------------------------------------------------------------ GRU presets
    "guide.preset.gru-as-rnn.n1": (
        "The update gate is a flat line at 0 and the reset gate a flat line at 1 for all "
        "48 steps: neither gate ever moves.",
        "在全部 48 个时间步里，更新门是一条停在 0 的水平线，重置门是一条停在 1 的水平线"
        "：两个门从不变化。",
    ),
    "guide.preset.gru-as-rnn.n2": (
        "The hidden state lies exactly on the candidate: at t = 4, where the input peaks "
        "at 1.5, both are 0.979.",
        "隐藏状态与候选状态完全重合：在 t = 4，输入达到峰值 1.5，两者都是 0.979。",
    ),
    "guide.preset.gru-as-rnn.n3": (
        "h repeats the input's rhythm: every 16 steps the same values come back (0.979 "
        "at t = 4 and again at t = 20).",
        "h 跟着输入的节奏重复：每隔 16 步出现同样的数值（t = 4 与 t = 20 都是"
        " 0.979）。",
    ),
    "guide.preset.gru-as-rnn.q1": (
        "Which single number would you change to make this GRU remember, and which way?",
        "要让这个 GRU 有记忆，你会改哪一个数？往哪个方向改？",
    ),
    "guide.preset.gru-as-rnn.a1": (
        "The update gate's bias: raise it from −20 to +3 or more. With z near 1, h' = (1 "
        "− z) n + z h keeps most of the old state, so h lags behind the input and "
        "smooths it.",
        "更新门的偏置：从 −20 提高到 +3 或更大。z 接近 1 时，h' = (1 − "
        "z) n + z h 保留大部分旧状态，于是 h 落后于输入，并把输入变得平滑。",
    ),
    "guide.preset.gru-as-rnn.q2": (
        "Why does it matter that the reset gate is 1 here?",
        "这里重置门为 1 为什么重要？",
    ),
    "guide.preset.gru-as-rnn.a2": (
        "With r = 1 the candidate sees the whole old state, n = tanh(W_in x + W_hn h): "
        "the plain RNN's formula. With r = 0 it would see no past at all.",
        "r = 1 时候选状态能看到完整的旧状态，n = tanh(W_in x + W_hn "
        "h)，正是普通 RNN 的公式。若 r = 0，候选状态就完全看不到过去。",
    ),
    "guide.preset.gru-latch.n1": (
        "The update gate sits at 1 and dips to 0 only at the five write steps t = 4, 17, "
        "30, 43 and 56, exactly where channel 1 pulses.",
        "更新门一直停在 1，只在 t = 4、17、30、43、56 这五个写入步降到 0，正是"
        "通道 1 出现脉冲的时刻。",
    ),
    "guide.preset.gru-latch.n2": (
        "At t = 4 the state jumps to 0.736 = tanh(0.94), channel 0's value at that step, "
        "and stays flat until t = 16 while channel 0 keeps moving.",
        "在 t = 4，隐藏状态跳到 0.736 = tanh(0.94)，即通道 0 在这一步"
        "的数值；此后直到 t = 16 它都保持水平，而通道 0 一直在变化。",
    ),
    "guide.preset.gru-latch.n3": (
        "At t = 30 the write stores −0.884 (channel 0 is near its trough) and h holds it "
        "for 13 steps, until the next write at t = 43.",
        "在 t = 30，写入存下 −0.884（通道 0 接近波谷），h 将它保持 13 步，"
        "直到 t = 43 的下一次写入。",
    ),
    "guide.preset.gru-latch.q1": (
        "Between writes the candidate keeps changing. Why does h not follow it?",
        "两次写入之间候选状态一直在变。为什么 h 不跟着变？",
    ),
    "guide.preset.gru-latch.a1": (
        "Because h' = (1 − z) n + z h and z = 1 between writes: the candidate gets the "
        "weight 1 − z = 0, whatever its value.",
        "因为 h' = (1 − z) n + z h，而两次写入之间 z = 1：无论候选状态"
        "是多少，它的权重 1 − z 都是 0。",
    ),
    "guide.preset.gru-latch.q2": (
        "What would happen to a held value if the update gate's bias were 3 instead of "
        "15?",
        "如果更新门的偏置是 3 而不是 15，保持的数值会怎样？",
    ),
    "guide.preset.gru-latch.a2": (
        "Between writes z would be sigmoid(3) ≈ 0.95, so each step lets about 5% of the "
        "candidate in: h would drift towards the candidate instead of holding.",
        "两次写入之间 z 会是 sigmoid(3) ≈ 0.95，每一步约有 5% 的候选状态"
        "混进来：h 会慢慢漂向候选状态，而不再保持不变。",
    ),
    "guide.preset.gru-reset-wipe.n1": (
        "Each pulse on channel 0 lifts the state one stair: 0.462 at t = 2, 0.745 at t = "
        "8, 0.847 at t = 14, flat in between.",
        "通道 0 的每个脉冲都让隐藏状态上一个台阶：t = 2 时 0.462，t = 8 时 "
        "0.745，t = 14 时 0.847，台阶之间保持水平。",
    ),
    "guide.preset.gru-reset-wipe.n2": (
        "At the cue, t = 17, both gates drop to 0 together: the update gate lets the "
        "candidate in, the reset gate hides the old state from it, so h falls to 0.",
        "在提示信号 t = 17，两个门同时降到 0：更新门让候选状态进来，重置门把旧状态挡在候"
        "选状态之外，于是 h 降到 0。",
    ),
    "guide.preset.gru-reset-wipe.n3": (
        "After the wipe the stairs start again: the pulse at t = 20 brings h back to "
        "0.462, the height of the first stair.",
        "清空之后台阶重新开始：t = 20 的脉冲让 h 回到 0.462，与第一个台阶一样高。",
    ),
    "guide.preset.gru-reset-wipe.q1": (
        "Why does each pulse add less than the one before?",
        "为什么每个脉冲增加的量都比前一个少？",
    ),
    "guide.preset.gru-reset-wipe.a1": (
        "At a pulse the candidate is tanh(0.5 + h): the pulse's 0.5 is added to the old "
        "state inside tanh, and tanh flattens as it approaches 1.",
        "脉冲时候选状态为 tanh(0.5 + h)：脉冲带来的 0.5 在 tanh 里面与旧"
        "状态相加，而 tanh 越接近 1 越平缓。",
    ),
    "guide.preset.gru-reset-wipe.q2": (
        "What would the cue do if the reset gate stayed at 1?",
        "如果重置门一直保持为 1，提示信号会起什么作用？",
    ),
    "guide.preset.gru-reset-wipe.a2": (
        "The update gate still opens, but the candidate would be tanh(h), close to the "
        "old state: at t = 17 h would only fall from 0.847 to 0.689. That is the start "
        "of the challenge 'Wipe the memory on a reset cue'.",
        "更新门照样打开，但候选状态会是 tanh(h)，与旧状态相差不大：在 t = 17，h "
        "只会从 0.847 降到 0.689。这正是挑战“在重置提示到来时清空记忆”的起点。",
    ),
    "guide.preset.gru-update-keeps.n1": (
        "The update gate shows two flat lines: unit 0 at 0.993 and unit 1 at 0.007, at "
        "every step.",
        "更新门是两条水平线：单元 0 一直是 0.993，单元 1 一直是 0.007。",
    ),
    "guide.preset.gru-update-keeps.n2": (
        "When the input steps up at t = 3, unit 1 jumps to 0.899 at once, while unit 0 "
        "only reaches 0.006.",
        "输入在 t = 3 跃升时，单元 1 立刻跳到 0.899，而单元 0 只到 0.006"
        "。",
    ),
    "guide.preset.gru-update-keeps.n3": (
        "At the last step, t = 39, unit 0 has crept up only to 0.199, although both "
        "candidates sit at 0.905.",
        "到最后一步 t = 39，单元 0 也只慢慢爬到 0.199，尽管两个单元的候选状态都在"
        " 0.905。",
    ),
    "guide.preset.gru-update-keeps.q1": (
        "About how many steps would unit 0 need to get halfway to its candidate?",
        "单元 0 大约需要多少步才能走到候选状态的一半？",
    ),
    "guide.preset.gru-update-keeps.a1": (
        "Each step closes only 1 − 0.993 = 0.7% of the gap, so about ln 2 / 0.0067 ≈ 100 "
        "steps: more than twice this chart's length.",
        "每一步只缩小差距的 1 − 0.993 = 0.7%，所以大约需要 ln 2 / "
        "0.0067 ≈ 100 步，比这张图长度的两倍还多。",
    ),
    "guide.preset.gru-update-keeps.q2": (
        "In a textbook that writes h' = z n + (1 − z) h, which unit would jump?",
        "如果教材写成 h' = z n + (1 − z) h，哪个单元会跳变？",
    ),
    "guide.preset.gru-update-keeps.a2": (
        "Unit 0: with that formula z = 0.993 takes the candidate at once, and unit 1 "
        "would creep. Same weights, swapped roles: check which convention a formula "
        "uses.",
        "单元 0：按那个公式，z = 0.993 会立刻采用候选状态，而单元 1 会慢慢爬。权重"
        "相同，角色对调：看公式时要先弄清它用的是哪种约定。",
    ),
    "guide.preset.gru-saturated.n1": (
        "Both gates are square waves: each flips between 0 and 1 every 6 steps, when the "
        "input changes sign (t = 6, 12, 18, …).",
        "两个门都是方波：每隔 6 步，在输入变号时（t = 6、12、18……）在 0 和 1 "
        "之间翻转。",
    ),
    "guide.preset.gru-saturated.n2": (
        "While its update gate is 1 a unit freezes: unit 0 holds 0.726 from t = 5 to t = "
        "10, then unit 1 holds 0.931 from t = 11 to t = 16.",
        "更新门为 1 时单元就冻结：单元 0 从 t = 5 到 t = 10 保持 0.726"
        "，随后单元 1 从 t = 11 到 t = 16 保持 0.931。",
    ),
    "guide.preset.gru-saturated.n3": (
        "The Gate saturation tab shows the reset and update gates at 100%: they spend "
        "every step below 0.1 or above 0.9.",
        "“门的饱和程度”标签页里重置门和更新门都是 100%：它们每一步都低于 0.1 或高于 "
        "0.9。",
    ),
    "guide.preset.gru-saturated.q1": (
        "Why does training avoid gates like these?",
        "为什么训练时要避免这样的门？",
    ),
    "guide.preset.gru-saturated.a1": (
        "At 0 or 1 the sigmoid is flat: its slope σ(1 − σ) is almost 0, so the gradient "
        "through the gate vanishes and a small weight change does nothing.",
        "在 0 或 1 处 sigmoid 是平的：它的斜率 σ(1 − σ) 几乎为 0，经过"
        "门的梯度消失，权重的小改动不起任何作用。",
    ),
    "guide.preset.gru-saturated.q2": (
        "What happens if you scale the gate weights of 40 down to 2?",
        "如果把大小为 40 的门权重缩小到 2，会怎样？",
    ),
    "guide.preset.gru-saturated.a2": (
        "The gates become smooth curves between 0 and 1 that follow the sine, and no "
        "unit freezes any more: every step mixes old state and candidate.",
        "门变成随正弦波起伏、介于 0 和 1 之间的平滑曲线，单元不再冻结：每一步都把旧状态和候"
        "选状态混合起来。",
    ),
    # ------------------------------------------------------------------ LSTM presets
    "guide.preset.lstm-counter.n1": (
        "The input gate and the candidate spike to 1 only at the 7 impulses (t = 3, 10, "
        "…, 45); the forget gate is a flat line at 1.",
        "输入门和候选值只在 7 个脉冲处（t = 3、10、……、45）跳到 1；遗忘门是一条停"
        "在 1 的水平线。",
    ),
    "guide.preset.lstm-counter.n2": (
        "The cell state is a staircase: 1 at t = 3, 2 at t = 10, … and 7 at t = 45.",
        "细胞状态是一段楼梯：t = 3 时为 1，t = 10 时为 2，……，t = 45 时"
        "为 7。",
    ),
    "guide.preset.lstm-counter.n3": (
        "The hidden state does not count: 0.381 after one impulse, 0.482 after two, and "
        "stuck at 0.500 from the fourth (t = 24) on.",
        "隐藏状态并不计数：一个脉冲后是 0.381，两个后是 0.482，从第四个（t = 24"
        "）起就停在 0.500。",
    ),
    "guide.preset.lstm-counter.q1": (
        "Why must the count live in the cell state and not in h?",
        "为什么计数必须存在细胞状态里，而不是 h 里？",
    ),
    "guide.preset.lstm-counter.a1": (
        "h = o · tanh(c) with o = 0.5 here, so h can never pass 0.5 and stops telling 4 "
        "from 7; c has no tanh and keeps the exact count.",
        "h = o · tanh(c)，这里 o = 0.5，所以 h 永远超不过 0.5，分不"
        "清 4 和 7；c 没有经过 tanh，能保留准确的计数。",
    ),
    "guide.preset.lstm-counter.q2": (
        "What would the staircase look like with a forget-gate bias of 2 instead of 20?",
        "如果遗忘门偏置是 2 而不是 20，楼梯会变成什么样？",
    ),
    "guide.preset.lstm-counter.a2": (
        "f = sigmoid(2) ≈ 0.88, so between impulses the cell loses 12% a step: a "
        "sawtooth that climbs only a little instead of a count.",
        "f = sigmoid(2) ≈ 0.88，脉冲之间细胞每一步损失 12%：变成只略微上"
        "升的锯齿，而不再是计数。",
    ),
    "guide.preset.lstm-long-memory.n1": (
        "The forget gate is a flat line at 0.993; the input gate opens only at the "
        "impulse, t = 2, where the cell state becomes 1.",
        "遗忘门是一条停在 0.993 的水平线；输入门只在脉冲处 t = 2 打开，此时细胞状态"
        "变为 1。",
    ),
    "guide.preset.lstm-long-memory.n2": (
        "From there the cell decays slowly: 0.715 at t = 52, 50 steps later, and still "
        "0.596 at the last step, t = 79.",
        "此后细胞状态缓慢衰减：50 步之后的 t = 52 为 0.715，到最后一步 t = "
        "79 仍有 0.596。",
    ),
    "guide.preset.lstm-long-memory.n3": (
        "h follows the cell through tanh: 0.756 at t = 2, 0.531 at t = 79.",
        "h 经过 tanh 跟随细胞状态：t = 2 时为 0.756，t = 79 时为 "
        "0.531。",
    ),
    "guide.preset.lstm-long-memory.q1": (
        "How many steps until only half of the value is left?",
        "要多少步，数值才只剩一半？",
    ),
    "guide.preset.lstm-long-memory.a1": (
        "0.993ⁿ = 0.5 gives n = ln 0.5 / ln 0.993 ≈ 100 steps, beyond the end of this "
        "80-step chart.",
        "由 0.993ⁿ = 0.5 得 n = ln 0.5 / ln 0.993 ≈ "
        "100 步，超出了这张 80 步的图。",
    ),
    "guide.preset.lstm-long-memory.q2": (
        "Compared with the short-memory preset, which single number differs?",
        "和“短记忆”预设相比，只有哪一个数不同？",
    ),
    "guide.preset.lstm-long-memory.a2": (
        "Only the forget-gate bias: +5 here, −3 there. The write is the same; how long "
        "it lasts is set by f alone.",
        "只有遗忘门偏置：这里是 +5，那里是 −3。写入完全相同；能保持多久只由 f 决定。",
    ),
    "guide.preset.lstm-short-memory.n1": (
        "The input gate opens at t = 2 and writes 1 into the cell, exactly as in the "
        "long-memory preset.",
        "输入门在 t = 2 打开，把 1 写入细胞，与“长记忆”预设完全一样。",
    ),
    "guide.preset.lstm-short-memory.n2": (
        "One step later the cell is 0.047 and at t = 4 it is 0.002: the forget gate, a "
        "flat line at 0.047, keeps under 5% per step.",
        "一步之后细胞状态是 0.047，t = 4 时是 0.002：遗忘门是一条停在 "
        "0.047 的水平线，每一步保留不到 5%。",
    ),
    "guide.preset.lstm-short-memory.n3": (
        "From t = 5 on the cell state is below 0.001: for the remaining 25 steps the "
        "impulse leaves no visible trace.",
        "从 t = 5 起细胞状态低于 0.001：在剩下的 25 步里，脉冲已看不出任何痕迹。",
    ),
    "guide.preset.lstm-short-memory.q1": ("When is a memory this short useful?", "这么短的记忆什么时候有用？"),
    "guide.preset.lstm-short-memory.a1": (
        "When only the latest input matters, for example to react to an event as it "
        "happens; a trained LSTM sets a low forget gate on units that should react "
        "rather than remember.",
        "当只有最新的输入重要时，例如在事件发生的当下作出反应；训练好的 LSTM 会给那些负责反"
        "应而非记忆的单元设置较低的遗忘门。",
    ),
    "guide.preset.lstm-short-memory.q2": (
        "Which forget gate would keep half of the cell after 10 steps?",
        "什么样的遗忘门能让细胞状态在 10 步后还保留一半？",
    ),
    "guide.preset.lstm-short-memory.a2": (
        "f¹⁰ = 0.5 gives f ≈ 0.933, a forget-gate bias of about +2.6 (sigmoid(2.6) ≈ "
        "0.93).",
        "由 f¹⁰ = 0.5 得 f ≈ 0.933，即遗忘门偏置约为 +2.6（"
        "sigmoid(2.6) ≈ 0.93）。",
    ),
    "guide.preset.lstm-hold-value.n1": (
        "Only at t = 3, the write signal on channel 1, does the input gate jump to 1 and "
        "the forget gate drop to 0, in the same step.",
        "只有在 t = 3，也就是通道 1 的写入信号处，输入门跳到 1、遗忘门降到 0，两者发"
        "生在同一步。",
    ),
    "guide.preset.lstm-hold-value.n2": (
        "The cell stores 0.696 = tanh(0.86), channel 0's value at t = 3, and holds it "
        "flat for the remaining 66 steps while channel 0 swings between −1 and 1.",
        "细胞存下 0.696 = tanh(0.86)，即通道 0 在 t = 3 的数值，并在"
        "剩下的 66 步里保持水平，而通道 0 在 −1 和 1 之间摆动。",
    ),
    "guide.preset.lstm-hold-value.n3": (
        "The candidate keeps following channel 0 at every step, but with the input gate "
        "at 0 none of it reaches the cell.",
        "候选值每一步都跟着通道 0 变化，但输入门为 0，它一点也进不了细胞。",
    ),
    "guide.preset.lstm-hold-value.q1": (
        "Why must the forget gate close at the write step?",
        "为什么写入的那一步遗忘门必须关闭？",
    ),
    "guide.preset.lstm-hold-value.a1": (
        "c' = f c + i g: with f = 1 the new value would be added on top of the old one "
        "instead of replacing it. Closing f for one step empties the cell first.",
        "c' = f c + i g：如果 f = 1，新值会叠加在旧值上，而不是取代它。让 "
        "f 关闭一步，先把细胞清空。",
    ),
    "guide.preset.lstm-hold-value.q2": ("What is h during the hold, and why?", "保持期间 h 是多少？为什么？"),
    "guide.preset.lstm-hold-value.a2": (
        "0.602 = o · tanh(0.696) with the output gate at 1: h is a squashed copy of the "
        "cell state.",
        "0.602 = o · tanh(0.696)，输出门为 1：h 是细胞状态被压缩后的副"
        "本。",
    ),
    # ------------------------------------------------------------------ RNN presets
    "guide.preset.rnn-explode.n1": (
        "The only input is the impulse at t = 0, which sets h to 1; after it every step "
        "multiplies h by 1.5.",
        "唯一的输入是 t = 0 的脉冲，它把 h 设为 1；此后每一步 h 都乘以 1.5。",
    ),
    "guide.preset.rnn-explode.n2": (
        "h is 57.7 at t = 10 and 127834 at the last step, t = 29: the curve looks flat "
        "at first only because the axis must reach 127834.",
        "h 在 t = 10 是 57.7，在最后一步 t = 29 是 127834：曲线开头"
        "看起来平，只是因为坐标轴要容纳 127834。",
    ),
    "guide.preset.rnn-explode.n3": (
        "The preactivation and hidden-state panels are identical: ReLU passes positive "
        "values unchanged.",
        "预激活和隐藏状态两个面板完全相同：ReLU 让正数原样通过。",
    ),
    "guide.preset.rnn-explode.q1": (
        "For which recurrent weights does this RNN stay bounded?",
        "循环权重取哪些值时，这个 RNN 的状态保持有界？",
    ),
    "guide.preset.rnn-explode.a1": (
        "Without input h_t = wᵗ h_0 (for w > 0): bounded for w ≤ 1, dying out for w < 1. "
        "Try 0.9 and 1.0.",
        "没有输入时 h_t = wᵗ h_0（w > 0）：w ≤ 1 时有界，w < 1 时逐"
        "渐消失。试试 0.9 和 1.0。",
    ),
    "guide.preset.rnn-explode.q2": (
        "Would tanh instead of ReLU stop the explosion?",
        "把 ReLU 换成 tanh 能阻止爆炸吗？",
    ),
    "guide.preset.rnn-explode.a2": (
        "The state, yes: tanh squashes it into (−1, 1), so it saturates instead of "
        "growing (see the tanh-saturation preset). The gradient can still vanish or "
        "explode.",
        "状态可以：tanh 把它压进 (−1, 1)，于是它会饱和而不是增长（见“饱和的 "
        "tanh RNN”预设）。但梯度仍可能消失或爆炸。",
    ),
    "guide.preset.rnn-vanish.n1": (
        "The impulse at t = 0 sets h to 0.762 = tanh(1); then every step roughly halves "
        "it: 0.363, 0.180, 0.090, …",
        "t = 0 的脉冲把 h 设为 0.762 = tanh(1)；之后每一步大约减半："
        "0.363、0.180、0.090……",
    ),
    "guide.preset.rnn-vanish.n2": (
        "The preactivation at t = 1 is 0.381 = 0.5 × 0.762: the recurrent weight 0.5 "
        "scales the old state before tanh.",
        "t = 1 的预激活是 0.381 = 0.5 × 0.762：循环权重 0.5 在 "
        "tanh 之前缩放旧状态。",
    ),
    "guide.preset.rnn-vanish.n3": (
        "By t = 10 h is about 0.001, and the rest of the panel is a flat line at 0.",
        "到 t = 10，h 约为 0.001，面板的其余部分是一条停在 0 的水平线。",
    ),
    "guide.preset.rnn-vanish.q1": (
        "What does this mean for learning from an input 20 steps back?",
        "对于从 20 步之前的输入中学习，这意味着什么？",
    ),
    "guide.preset.rnn-vanish.a1": (
        "The state at t = 20 carries about 0.5²⁰ ≈ 10⁻⁶ of the impulse, and the gradient "
        "back to t = 0 shrinks the same way: the RNN cannot learn from that far back.",
        "t = 20 的状态只带有脉冲的约 0.5²⁰ ≈ 10⁻⁶，传回 t = 0 的梯度也"
        "同样缩小：这个 RNN 学不到那么久以前的信息。",
    ),
    "guide.preset.rnn-vanish.q2": (
        "Which recurrent weight keeps the impulse longest without exploding?",
        "什么样的循环权重能让脉冲保持最久而又不爆炸？",
    ),
    "guide.preset.rnn-vanish.a2": (
        "A weight near 1: tanh is almost the identity near 0, so h then decays only "
        "slowly. Above 1 a tanh RNN settles at a nonzero value instead of exploding.",
        "接近 1 的权重：tanh 在 0 附近几乎是恒等函数，h 衰减得很慢。权重大于 1 时"
        "，tanh RNN 会停在一个非零值上，而不是爆炸。",
    ),
    "guide.preset.rnn-tanh-saturate.n1": (
        "The input ramps from 0 to 2 in a straight line, and the preactivation climbs "
        "with it, to 8.5 at t = 39.",
        "输入从 0 沿直线升到 2，预激活也随之上升，在 t = 39 达到 8.5。",
    ),
    "guide.preset.rnn-tanh-saturate.n2": (
        "h rises fast at first (0.692 at t = 3), passes 0.99 at t = 11 and then stays "
        "flat near 1.",
        "h 起初上升很快（t = 3 时为 0.692），在 t = 11 超过 0.99，之后"
        "停在 1 附近。",
    ),
    "guide.preset.rnn-tanh-saturate.n3": (
        "From t = 11 on the preactivation still rises by about 0.2 a step, but h changes "
        "by less than 0.01 in total.",
        "从 t = 11 起，预激活仍每步上升约 0.2，但 h 总共变化不到 0.01。",
    ),
    "guide.preset.rnn-tanh-saturate.q1": (
        "How strongly does h react to a small change of the input at t = 30?",
        "在 t = 30，输入的微小变化对 h 有多大影响？",
    ),
    "guide.preset.rnn-tanh-saturate.a1": (
        "Hardly: tanh'(a) = 1 − tanh²(a) is below 10⁻⁵ at a ≈ 6.7, so changes there "
        "barely move h, and gradients through this unit vanish.",
        "几乎没有：在 a ≈ 6.7 处 tanh'(a) = 1 − tanh²(a) 小于 "
        "10⁻⁵，那里的变化几乎不影响 h，经过这个单元的梯度也随之消失。",
    ),
    "guide.preset.rnn-tanh-saturate.q2": (
        "How could the unit keep telling inputs apart all the way up to 2?",
        "怎样才能让这个单元一直到输入为 2 时都还能区分不同的输入？",
    ),
    "guide.preset.rnn-tanh-saturate.a2": (
        "Make the input weight smaller (1 instead of 4, say) so the preactivation stays "
        "in tanh's steep middle, roughly between −2 and 2.",
        "把输入权重调小（例如从 4 改成 1），让预激活停留在 tanh 陡峭的中段，大约在 −"
        "2 到 2 之间。",
    ),
}
