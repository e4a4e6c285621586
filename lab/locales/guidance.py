""""What to notice" lines and questions for every preset, lesson step, page, learned task
and challenge (lab/guidance.py assembles them).

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
        "The notes about the example describe the task's example input; yours is different.",
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
        "在全部 48 个时间步里，更新门是一条停在 0 的水平线，重置门是一条停在 1 的水平线：两个门"
        "从不变化。",
    ),
    "guide.preset.gru-as-rnn.n2": (
        "The hidden state lies exactly on the candidate: at t = 4, where the input peaks "
        "at 1.5, both are 0.979.",
        "隐藏状态与候选状态完全重合：在 t = 4，输入达到峰值 1.5，两者都是 0.979。",
    ),
    "guide.preset.gru-as-rnn.n3": (
        "h repeats the input's rhythm: every 16 steps the same values come back (0.979 at "
        "t = 4 and again at t = 20).",
        "h 跟着输入的节奏重复：每隔 16 步出现同样的数值（t = 4 与 t = 20 都是 0.979）。",
    ),
    "guide.preset.gru-as-rnn.q1": (
        "Which single number would you change to make this GRU remember, and which way?",
        "要让这个 GRU 有记忆，你会改哪一个数？往哪个方向改？",
    ),
    "guide.preset.gru-as-rnn.a1": (
        "The update gate's bias: raise it from −20 to +3 or more. With z near 1, "
        "h' = (1 − z) n + z h keeps most of the old state, so h lags behind the input "
        "and smooths it.",
        "更新门的偏置：从 −20 提高到 +3 或更大。z 接近 1 时，h' = (1 − z) n + z h 保留大部分旧"
        "状态，于是 h 落后于输入，并把输入变得平滑。",
    ),
    "guide.preset.gru-as-rnn.q2": (
        "Why does it matter that the reset gate is 1 here?",
        "这里重置门为 1 为什么重要？",
    ),
    "guide.preset.gru-as-rnn.a2": (
        "With r = 1 the candidate sees the whole old state, n = tanh(W_in x + W_hn h): the "
        "plain RNN's formula. With r = 0 it would see no past at all.",
        "r = 1 时候选状态能看到完整的旧状态，n = tanh(W_in x + W_hn h)，正是普通 RNN 的公式。"
        "若 r = 0，候选状态就完全看不到过去。",
    ),
    "guide.preset.gru-latch.n1": (
        "The update gate sits at 1 and dips to 0 only at the five write steps t = 4, 17, "
        "30, 43 and 56, exactly where channel 1 pulses.",
        "更新门一直停在 1，只在 t = 4、17、30、43、56 这五个写入步降到 0，正是通道 1 出现脉冲"
        "的时刻。",
    ),
    "guide.preset.gru-latch.n2": (
        "At t = 4 the state jumps to 0.736 = tanh(0.94), channel 0's value at that step, "
        "and stays flat until t = 16 while channel 0 keeps moving.",
        "在 t = 4，隐藏状态跳到 0.736 = tanh(0.94)，即通道 0 在这一步的数值；此后直到 t = 16 "
        "它都保持水平，而通道 0 一直在变化。",
    ),
    "guide.preset.gru-latch.n3": (
        "At t = 30 the write stores −0.884 (channel 0 is near its trough) and h holds it "
        "for 13 steps, until the next write at t = 43.",
        "在 t = 30，写入存下 −0.884（通道 0 接近波谷），h 将它保持 13 步，直到 t = 43 的下一次"
        "写入。",
    ),
    "guide.preset.gru-latch.q1": (
        "Between writes the candidate keeps changing. Why does h not follow it?",
        "两次写入之间候选状态一直在变。为什么 h 不跟着变？",
    ),
    "guide.preset.gru-latch.a1": (
        "Because h' = (1 − z) n + z h and z = 1 between writes: the candidate gets the "
        "weight 1 − z = 0, whatever its value.",
        "因为 h' = (1 − z) n + z h，而两次写入之间 z = 1：无论候选状态是多少，它的权重 1 − z "
        "都是 0。",
    ),
    "guide.preset.gru-latch.q2": (
        "What would happen to a held value if the update gate's bias were 3 instead of 15?",
        "如果更新门的偏置是 3 而不是 15，保持的数值会怎样？",
    ),
    "guide.preset.gru-latch.a2": (
        "Between writes z would be sigmoid(3) ≈ 0.95, so each step lets about 5% of the "
        "candidate in: h would drift towards the candidate instead of holding.",
        "两次写入之间 z 会是 sigmoid(3) ≈ 0.95，每一步约有 5% 的候选状态混进来：h 会慢慢漂向"
        "候选状态，而不再保持不变。",
    ),
    "guide.preset.gru-reset-wipe.n1": (
        "Each pulse on channel 0 lifts the state one stair: 0.462 at t = 2, 0.745 at "
        "t = 8, 0.847 at t = 14, flat in between.",
        "通道 0 的每个脉冲都让隐藏状态上一个台阶：t = 2 时 0.462，t = 8 时 0.745，t = 14 时 "
        "0.847，台阶之间保持水平。",
    ),
    "guide.preset.gru-reset-wipe.n2": (
        "At the cue, t = 17, both gates drop to 0 together: the update gate lets the "
        "candidate in, the reset gate hides the old state from it, so h falls to 0.",
        "在提示信号 t = 17，两个门同时降到 0：更新门让候选状态进来，重置门把旧状态挡在候选状态"
        "之外，于是 h 降到 0。",
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
        "脉冲时候选状态为 tanh(0.5 + h)：脉冲带来的 0.5 在 tanh 里面与旧状态相加，而 tanh "
        "越接近 1 越平缓。",
    ),
    "guide.preset.gru-reset-wipe.q2": (
        "What would the cue do if the reset gate stayed at 1?",
        "如果重置门一直保持为 1，提示信号会起什么作用？",
    ),
    "guide.preset.gru-reset-wipe.a2": (
        "The update gate still opens, but the candidate would be tanh(h), close to the old "
        "state: at t = 17 h would only fall from 0.847 to 0.689. That is the start of the "
        "challenge 'Wipe the memory on a reset cue'.",
        "更新门照样打开，但候选状态会是 tanh(h)，与旧状态相差不大：在 t = 17，h 只会从 0.847 "
        "降到 0.689。这正是挑战“在重置提示到来时清空记忆”的起点。",
    ),
    "guide.preset.gru-update-keeps.n1": (
        "The update gate shows two flat lines: unit 0 at 0.993 and unit 1 at 0.007, at "
        "every step.",
        "更新门是两条水平线：单元 0 一直是 0.993，单元 1 一直是 0.007。",
    ),
    "guide.preset.gru-update-keeps.n2": (
        "When the input steps up at t = 3, unit 1 jumps to 0.899 at once, while unit 0 "
        "only reaches 0.006.",
        "输入在 t = 3 跃升时，单元 1 立刻跳到 0.899，而单元 0 只到 0.006。",
    ),
    "guide.preset.gru-update-keeps.n3": (
        "At the last step, t = 39, unit 0 has crept up only to 0.199, although both "
        "candidates sit at 0.905.",
        "到最后一步 t = 39，单元 0 也只慢慢爬到 0.199，尽管两个单元的候选状态都在 0.905。",
    ),
    "guide.preset.gru-update-keeps.q1": (
        "About how many steps would unit 0 need to get halfway to its candidate?",
        "单元 0 大约需要多少步才能走到候选状态的一半？",
    ),
    "guide.preset.gru-update-keeps.a1": (
        "Each step closes only 1 − 0.993 = 0.7% of the gap, so about ln 2 / 0.0067 ≈ 100 "
        "steps: more than twice this chart's length.",
        "每一步只缩小差距的 1 − 0.993 = 0.7%，所以大约需要 ln 2 / 0.0067 ≈ 100 步，比这张图"
        "长度的两倍还多。",
    ),
    "guide.preset.gru-update-keeps.q2": (
        "In a textbook that writes h' = z n + (1 − z) h, which unit would jump?",
        "如果教材写成 h' = z n + (1 − z) h，哪个单元会跳变？",
    ),
    "guide.preset.gru-update-keeps.a2": (
        "Unit 0: with that formula z = 0.993 takes the candidate at once, and unit 1 would "
        "creep. Same weights, swapped roles: check which convention a formula uses.",
        "单元 0：按那个公式，z = 0.993 会立刻采用候选状态，而单元 1 会慢慢爬。权重相同，角色"
        "对调：看公式时要先弄清它用的是哪种约定。",
    ),
    "guide.preset.gru-saturated.n1": (
        "Both gates are square waves: each flips between 0 and 1 every 6 steps, when the "
        "input changes sign (t = 6, 12, 18, …).",
        "两个门都是方波：每隔 6 步，在输入变号时（t = 6、12、18……）在 0 和 1 之间翻转。",
    ),
    "guide.preset.gru-saturated.n2": (
        "While its update gate is 1 a unit freezes: unit 0 holds 0.726 from t = 5 to "
        "t = 10, then unit 1 holds 0.931 from t = 11 to t = 16.",
        "更新门为 1 时单元就冻结：单元 0 从 t = 5 到 t = 10 保持 0.726，随后单元 1 从 t = 11 "
        "到 t = 16 保持 0.931。",
    ),
    "guide.preset.gru-saturated.n3": (
        "The Gate saturation tab shows the reset and update gates at 100%: they spend "
        "every step below 0.1 or above 0.9.",
        "“门的饱和程度”标签页里重置门和更新门都是 100%：它们每一步都低于 0.1 或高于 0.9。",
    ),
    "guide.preset.gru-saturated.q1": (
        "Why does training avoid gates like these?",
        "为什么训练时要避免这样的门？",
    ),
    "guide.preset.gru-saturated.a1": (
        "At 0 or 1 the sigmoid is flat: its slope σ(1 − σ) is almost 0, so the gradient "
        "through the gate vanishes and a small weight change does nothing.",
        "在 0 或 1 处 sigmoid 是平的：它的斜率 σ(1 − σ) 几乎为 0，经过门的梯度消失，权重的小"
        "改动不起任何作用。",
    ),
    "guide.preset.gru-saturated.q2": (
        "What happens if you scale the gate weights of 40 down to 2?",
        "如果把大小为 40 的门权重缩小到 2，会怎样？",
    ),
    "guide.preset.gru-saturated.a2": (
        "The gates become smooth curves between 0 and 1 that follow the sine, and no unit "
        "freezes any more: every step mixes old state and candidate.",
        "门变成随正弦波起伏、介于 0 和 1 之间的平滑曲线，单元不再冻结：每一步都把旧状态和候选"
        "状态混合起来。",
    ),
    # ------------------------------------------------------------------ LSTM presets
    "guide.preset.lstm-counter.n1": (
        "The input gate and the candidate spike to 1 only at the 7 impulses (t = 3, 10, "
        "…, 45); the forget gate is a flat line at 1.",
        "输入门和候选值只在 7 个脉冲处（t = 3、10、……、45）跳到 1；遗忘门是一条停在 1 的水平线。",
    ),
    "guide.preset.lstm-counter.n2": (
        "The cell state is a staircase: 1 at t = 3, 2 at t = 10, … and 7 at t = 45.",
        "细胞状态是一段楼梯：t = 3 时为 1，t = 10 时为 2，……，t = 45 时为 7。",
    ),
    "guide.preset.lstm-counter.n3": (
        "The hidden state does not count: 0.381 after one impulse, 0.482 after two, and "
        "stuck at 0.500 from the fourth (t = 24) on.",
        "隐藏状态并不计数：一个脉冲后是 0.381，两个后是 0.482，从第四个（t = 24）起就停在 "
        "0.500。",
    ),
    "guide.preset.lstm-counter.q1": (
        "Why must the count live in the cell state and not in h?",
        "为什么计数必须存在细胞状态里，而不是 h 里？",
    ),
    "guide.preset.lstm-counter.a1": (
        "h = o · tanh(c) with o = 0.5 here, so h can never pass 0.5 and stops telling 4 "
        "from 7; c has no tanh and keeps the exact count.",
        "h = o · tanh(c)，这里 o = 0.5，所以 h 永远超不过 0.5，分不清 4 和 7；c 没有经过 "
        "tanh，能保留准确的计数。",
    ),
    "guide.preset.lstm-counter.q2": (
        "What would the staircase look like with a forget-gate bias of 2 instead of 20?",
        "如果遗忘门偏置是 2 而不是 20，楼梯会变成什么样？",
    ),
    "guide.preset.lstm-counter.a2": (
        "f = sigmoid(2) ≈ 0.88, so between impulses the cell loses 12% a step: a sawtooth "
        "that climbs only a little instead of a count.",
        "f = sigmoid(2) ≈ 0.88，脉冲之间细胞每一步损失 12%：变成只略微上升的锯齿，而不再是计数。",
    ),
    "guide.preset.lstm-long-memory.n1": (
        "The forget gate is a flat line at 0.993; the input gate opens only at the "
        "impulse, t = 2, where the cell state becomes 1.",
        "遗忘门是一条停在 0.993 的水平线；输入门只在脉冲处 t = 2 打开，此时细胞状态变为 1。",
    ),
    "guide.preset.lstm-long-memory.n2": (
        "From there the cell decays slowly: 0.715 at t = 52, 50 steps later, and still "
        "0.596 at the last step, t = 79.",
        "此后细胞状态缓慢衰减：50 步之后的 t = 52 为 0.715，到最后一步 t = 79 仍有 0.596。",
    ),
    "guide.preset.lstm-long-memory.n3": (
        "h follows the cell through tanh: 0.756 at t = 2, 0.531 at t = 79.",
        "h 经过 tanh 跟随细胞状态：t = 2 时为 0.756，t = 79 时为 0.531。",
    ),
    "guide.preset.lstm-long-memory.q1": (
        "How many steps until only half of the value is left?",
        "要多少步，数值才只剩一半？",
    ),
    "guide.preset.lstm-long-memory.a1": (
        "0.993ⁿ = 0.5 gives n = ln 0.5 / ln 0.993 ≈ 100 steps, beyond the end of this "
        "80-step chart.",
        "由 0.993ⁿ = 0.5 得 n = ln 0.5 / ln 0.993 ≈ 100 步，超出了这张 80 步的图。",
    ),
    "guide.preset.lstm-long-memory.q2": (
        "Compared with the short-memory preset, which single number differs?",
        "和“短记忆”预设相比，只有哪一个数不同？",
    ),
    "guide.preset.lstm-long-memory.a2": (
        "Only the forget-gate bias: +5 here, −3 there. The write is the same; how long it "
        "lasts is set by f alone.",
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
        "一步之后细胞状态是 0.047，t = 4 时是 0.002：遗忘门是一条停在 0.047 的水平线，每一步"
        "保留不到 5%。",
    ),
    "guide.preset.lstm-short-memory.n3": (
        "From t = 5 on the cell state is below 0.001: for the remaining 25 steps the "
        "impulse leaves no visible trace.",
        "从 t = 5 起细胞状态低于 0.001：在剩下的 25 步里，脉冲已看不出任何痕迹。",
    ),
    "guide.preset.lstm-short-memory.q1": (
        "When is a memory this short useful?",
        "这么短的记忆什么时候有用？",
    ),
    "guide.preset.lstm-short-memory.a1": (
        "When only the latest input matters, for example to react to an event as it "
        "happens; a trained LSTM sets a low forget gate on units that should react "
        "rather than remember.",
        "当只有最新的输入重要时，例如在事件发生的当下作出反应；训练好的 LSTM 会给那些负责反应"
        "而非记忆的单元设置较低的遗忘门。",
    ),
    "guide.preset.lstm-short-memory.q2": (
        "Which forget gate would keep half of the cell after 10 steps?",
        "什么样的遗忘门能让细胞状态在 10 步后还保留一半？",
    ),
    "guide.preset.lstm-short-memory.a2": (
        "f¹⁰ = 0.5 gives f ≈ 0.933, a forget-gate bias of about +2.6 (sigmoid(2.6) ≈ 0.93).",
        "由 f¹⁰ = 0.5 得 f ≈ 0.933，即遗忘门偏置约为 +2.6（sigmoid(2.6) ≈ 0.93）。",
    ),
    "guide.preset.lstm-hold-value.n1": (
        "Only at t = 3, the write signal on channel 1, does the input gate jump to 1 and "
        "the forget gate drop to 0, in the same step.",
        "只有在 t = 3，也就是通道 1 的写入信号处，输入门跳到 1、遗忘门降到 0，两者发生在同一步。",
    ),
    "guide.preset.lstm-hold-value.n2": (
        "The cell stores 0.696 = tanh(0.86), channel 0's value at t = 3, and holds it flat "
        "for the remaining 66 steps while channel 0 swings between −1 and 1.",
        "细胞存下 0.696 = tanh(0.86)，即通道 0 在 t = 3 的数值，并在剩下的 66 步里保持水平，"
        "而通道 0 在 −1 和 1 之间摆动。",
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
        "c' = f c + i g：如果 f = 1，新值会叠加在旧值上，而不是取代它。让 f 关闭一步，先把细胞"
        "清空。",
    ),
    "guide.preset.lstm-hold-value.q2": (
        "What is h during the hold, and why?",
        "保持期间 h 是多少？为什么？",
    ),
    "guide.preset.lstm-hold-value.a2": (
        "0.602 = o · tanh(0.696) with the output gate at 1: h is a squashed copy of the "
        "cell state.",
        "0.602 = o · tanh(0.696)，输出门为 1：h 是细胞状态被压缩后的副本。",
    ),
    # ------------------------------------------------------------------ RNN presets
    "guide.preset.rnn-explode.n1": (
        "The only input is the impulse at t = 0, which sets h to 1; after it every step "
        "multiplies h by 1.5.",
        "唯一的输入是 t = 0 的脉冲，它把 h 设为 1；此后每一步 h 都乘以 1.5。",
    ),
    "guide.preset.rnn-explode.n2": (
        "h is 57.7 at t = 10 and 127834 at the last step, t = 29: the curve looks flat at "
        "first only because the axis must reach 127834.",
        "h 在 t = 10 是 57.7，在最后一步 t = 29 是 127834：曲线开头看起来平，只是因为坐标轴要"
        "容纳 127834。",
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
        "没有输入时 h_t = wᵗ h_0（w > 0）：w ≤ 1 时有界，w < 1 时逐渐消失。试试 0.9 和 1.0。",
    ),
    "guide.preset.rnn-explode.q2": (
        "Would tanh instead of ReLU stop the explosion?",
        "把 ReLU 换成 tanh 能阻止爆炸吗？",
    ),
    "guide.preset.rnn-explode.a2": (
        "The state, yes: tanh squashes it into (−1, 1), so it saturates instead of growing "
        "(see the tanh-saturation preset). The gradient can still vanish or explode.",
        "状态可以：tanh 把它压进 (−1, 1)，于是它会饱和而不是增长（见“饱和的 tanh RNN”预设）。"
        "但梯度仍可能消失或爆炸。",
    ),
    "guide.preset.rnn-vanish.n1": (
        "The impulse at t = 0 sets h to 0.762 = tanh(1); then every step roughly halves "
        "it: 0.363, 0.180, 0.090, …",
        "t = 0 的脉冲把 h 设为 0.762 = tanh(1)；之后每一步大约减半：0.363、0.180、0.090……",
    ),
    "guide.preset.rnn-vanish.n2": (
        "The preactivation at t = 1 is 0.381 = 0.5 × 0.762: the recurrent weight 0.5 "
        "scales the old state before tanh.",
        "t = 1 的预激活是 0.381 = 0.5 × 0.762：循环权重 0.5 在 tanh 之前缩放旧状态。",
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
        "t = 20 的状态只带有脉冲的约 0.5²⁰ ≈ 10⁻⁶，传回 t = 0 的梯度也同样缩小：这个 RNN 学"
        "不到那么久以前的信息。",
    ),
    "guide.preset.rnn-vanish.q2": (
        "Which recurrent weight keeps the impulse longest without exploding?",
        "什么样的循环权重能让脉冲保持最久而又不爆炸？",
    ),
    "guide.preset.rnn-vanish.a2": (
        "A weight near 1: tanh is almost the identity near 0, so h then decays only "
        "slowly. Above 1 a tanh RNN settles at a nonzero value instead of exploding.",
        "接近 1 的权重：tanh 在 0 附近几乎是恒等函数，h 衰减得很慢。权重大于 1 时，tanh RNN "
        "会停在一个非零值上，而不是爆炸。",
    ),
    "guide.preset.rnn-tanh-saturate.n1": (
        "The input ramps from 0 to 2 in a straight line, and the preactivation climbs "
        "with it, to 8.5 at t = 39.",
        "输入从 0 沿直线升到 2，预激活也随之上升，在 t = 39 达到 8.5。",
    ),
    "guide.preset.rnn-tanh-saturate.n2": (
        "h rises fast at first (0.692 at t = 3), passes 0.99 at t = 11 and then stays "
        "flat near 1.",
        "h 起初上升很快（t = 3 时为 0.692），在 t = 11 超过 0.99，之后停在 1 附近。",
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
        "Hardly: tanh'(a) = 1 − tanh²(a) is below 10⁻⁵ at a ≈ 6.7, so changes there barely "
        "move h, and gradients through this unit vanish.",
        "几乎没有：在 a ≈ 6.7 处 tanh'(a) = 1 − tanh²(a) 小于 10⁻⁵，那里的变化几乎不影响 h，"
        "经过这个单元的梯度也随之消失。",
    ),
    "guide.preset.rnn-tanh-saturate.q2": (
        "How could the unit keep telling inputs apart all the way up to 2?",
        "怎样才能让这个单元一直到输入为 2 时都还能区分不同的输入？",
    ),
    "guide.preset.rnn-tanh-saturate.a2": (
        "Make the input weight smaller (1 instead of 4, say) so the preactivation stays in "
        "tanh's steep middle, roughly between −2 and 2.",
        "把输入权重调小（例如从 4 改成 1），让预激活停留在 tanh 陡峭的中段，大约在 −2 到 2 之间。",
    ),
    # ------------------------------------------------------------------ compare
    "guide.compare.step1.n1": (
        "Under 'How long is x_0 remembered?': the plain RNN forgets x_0 after 10 steps, the GRU after "
        "42, and the LSTM still remembers it at the last of the 50 steps.",
        "在“x_0 能被记住多久？”下：普通 RNN 在 10 步后忘掉 x_0，GRU 在 42 步后，而 LSTM 到 50 步的最后一步"
        "仍记得它。",
    ),
    "guide.compare.step1.n2": (
        "On the chart 'Influence of x_0 on h_t' (log axis) the RNN's curve falls from 0.57 at step 0 to "
        "0.0043 at step 10: more than 100 times smaller in 10 steps.",
        "在“x_0 对 h_t 的影响”图（对数坐标）上，RNN 的曲线从第 0 步的 0.57 降到第 10 步的 0.0043：10 步"
        "之内缩小了 100 多倍。",
    ),
    "guide.compare.step1.n3": (
        "In 'Gates and states side by side' the LSTM's forget gate and the GRU's update gate average "
        "0.876 and 0.882 over all units and steps: each step keeps most of the state.",
        "在“门与状态并排对比”中，LSTM 的遗忘门和 GRU 的更新门在所有单元和时间步上的平均值分别为 0.876 "
        "和 0.882：每一步都保留大部分状态。",
    ),
    "guide.compare.step1.q1": (
        "The RNN's number is 10 steps in both steps of the lesson. Why does it not change?",
        "在这节课的两个步骤里，RNN 的记忆时长都是 10 步。为什么不变？",
    ),
    "guide.compare.step1.a1": (
        "The lesson moves only gate biases (the LSTM's forget gate, the GRU's update "
        "gate). The plain RNN has no gate, so its weights are the same in both steps.",
        "这节课只改变门的偏置（LSTM 的遗忘门、GRU 的更新门）。普通 RNN 没有门，所以两个步骤里"
        "它的权重完全相同。",
    ),
    "guide.compare.step1.q2": (
        "Why does a forget bias of +2 keep x_0 so much longer?",
        "为什么遗忘门偏置 +2 能让 x_0 保持得久得多？",
    ),
    "guide.compare.step1.a2": (
        "f near 0.88 keeps 88% of the cell each step, against about half at random "
        "initialisation; over 40 steps that is 0.88⁴⁰ ≈ 0.006 against 0.5⁴⁰ ≈ 10⁻¹².",
        "f 约为 0.88 时每一步保留 88% 的细胞状态，而随机初始化时只保留约一半；40 步下来就是 "
        "0.88⁴⁰ ≈ 0.006 对 0.5⁴⁰ ≈ 10⁻¹²。",
    ),
    "guide.compare.step2.n1": (
        "Under 'How long is x_0 remembered?' the three are now close: the RNN keeps x_0 for 10 steps, the LSTM "
        "for 9 and the GRU for 8.",
        "“x_0 能被记住多久？”下的三个数现在很接近：RNN 保持 x_0 10 步，LSTM 9 步，GRU 8 步。",
    ),
    "guide.compare.step2.n2": (
        "In 'Gates and states side by side' the forget and update gates now average 0.502 and 0.511: "
        "each step keeps only about half of the state.",
        "在“门与状态并排对比”中，遗忘门和更新门的平均值现在是 0.502 和 0.511：每一步只保留约一半的状态。",
    ),
    "guide.compare.step2.n3": (
        "On the chart 'Influence of x_0 on h_t' the three curves fall together: at step 5 the LSTM's is "
        "0.0066, the GRU's 0.0090 and the RNN's 0.029.",
        "在“x_0 对 h_t 的影响”图上三条曲线一起下降：第 5 步时 LSTM 为 0.0066，GRU 为 0.0090，RNN 为 0.029。",
    ),
    "guide.compare.step2.q1": (
        "So are gated cells no better than a plain RNN?",
        "那么带门的单元并不比普通 RNN 好吗？",
    ),
    "guide.compare.step2.a1": (
        "Not at initialisation. The gates can hold, but only with the right biases; "
        "training (or step 1's bias) moves f and z towards 1 when a task needs memory.",
        "在初始化时确实不比它好。门能够保持信息，但需要合适的偏置；当任务需要记忆时，训练（或"
        "第 1 步那样的偏置）会把 f 和 z 推向 1。",
    ),
    "guide.compare.step2.q2": (
        "Which knob would you move first to get the memory back?",
        "要找回记忆，你会先调哪个旋钮？",
    ),
    "guide.compare.step2.a2": (
        "The LSTM's forget-gate bias or the GRU's update-gate bias: +2 moves the gate from "
        "about 0.5 to about 0.9, which is step 1.",
        "LSTM 的遗忘门偏置或 GRU 的更新门偏置：+2 把门从约 0.5 推到约 0.9，也就是第 1 步。",
    ),
    # ------------------------------------------------------------------ gradients
    "guide.gradients.step1.n1": (
        "Per-step decay factors: at each step back the LSTM's gradient keeps 0.948 of itself, "
        "the plain RNN's only 0.570 and the GRU's 0.638.",
        "每步衰减因子：每往回走一步，LSTM 的梯度保留自身的 0.948，普通 RNN 只保留 0.570，GRU 保留 "
        "0.638。",
    ),
    "guide.gradients.step1.n2": (
        "On the ‖∂L/∂h_t‖ chart at t = 0 the LSTM's gradient is still 0.0213 and the RNN's "
        "2.5e-24: about 22 orders of magnitude smaller.",
        "在 ‖∂L/∂h_t‖ 图上，t = 0 处 LSTM 的梯度仍有 0.0213，而 RNN 的是 2.5e-24：小了约 22 "
        "个数量级。",
    ),
    "guide.gradients.step1.n3": (
        "The ratio ‖∂L/∂h_0‖ / ‖∂L/∂h_T‖ = 6.36e-25 is the RNN's gradient at t = 0 over its "
        "gradient at the loss step, t = 99: 24 orders of magnitude lost on the way back.",
        "比值 ‖∂L/∂h_0‖ / ‖∂L/∂h_T‖ = 6.36e-25 是 RNN 在 t = 0 的梯度除以损失所在的 t = 99 "
        "处的梯度：往回传的路上丢掉了 24 个数量级。",
    ),
    "guide.gradients.step1.q1": (
        "Why does the LSTM's gradient survive?",
        "为什么 LSTM 的梯度能保留下来？",
    ),
    "guide.gradients.step1.a1": (
        "Back along the cell state the gradient is multiplied only by the forget gate, "
        "near 0.95 here, with no W_hh and no tanh' in between. 0.95⁹⁹ ≈ 0.006: small, but "
        "nothing like 10⁻²⁴.",
        "沿细胞状态往回传时，梯度只乘以遗忘门（这里约为 0.95），中间没有 W_hh，也没有 tanh'。"
        "0.95⁹⁹ ≈ 0.006：虽小，但远不是 10⁻²⁴ 那样。",
    ),
    "guide.gradients.step1.q2": (
        "What does the RNN's factor 0.570 mean for an input 20 steps before the loss?",
        "对于损失之前 20 步的输入，RNN 的因子 0.570 意味着什么？",
    ),
    "guide.gradients.step1.a2": (
        "0.57²⁰ ≈ 10⁻⁵: that input gets about a hundred-thousandth of the gradient, too "
        "little to learn from.",
        "0.57²⁰ ≈ 10⁻⁵：那个输入只得到约十万分之一的梯度，少得学不到东西。",
    ),
    "guide.gradients.step2.n1": (
        "The LSTM's decay factor is now 0.624, as low as the RNN's 0.570 and the GRU's "
        "0.638.",
        "LSTM 的衰减因子现在是 0.624，和 RNN 的 0.570、GRU 的 0.638 一样低。",
    ),
    "guide.gradients.step2.n2": (
        "At t = 0 the LSTM's gradient is 2.0e-20: 20 orders of magnitude below the 4.0 it "
        "starts from at the loss step, t = 99.",
        "在 t = 0，LSTM 的梯度是 2.0e-20：比它在损失所在的 t = 99 处的起点 4.0 小了 20 个数量级。",
    ),
    "guide.gradients.step2.n3": (
        "In 'The LSTM's gradient highway' the forget-gate product is 0.505 one step back (t = 98) and "
        "3.7e-13 by t = 50.",
        "在“LSTM 的梯度高速公路”图中，遗忘门的乘积往回一步（t = 98）就是 0.505，到 t = 50 已是 3.7e-13。",
    ),
    "guide.gradients.step2.q1": (
        "The gates are the same kind as in step 1. What changed?",
        "门的种类与第 1 步相同。改变的是什么？",
    ),
    "guide.gradients.step2.a1": (
        "Only the forget-gate bias: 0 instead of +3. With f near 0.5 the cell path halves "
        "the gradient at every step, so the highway closes.",
        "只有遗忘门偏置：0 而不是 +3。f 约为 0.5 时，细胞状态这条路每一步都把梯度减半，高速公路"
        "就关闭了。",
    ),
    "guide.gradients.step2.q2": (
        "How can training ever reach the highway from here?",
        "从这里出发，训练怎样才能走上高速公路？",
    ),
    "guide.gradients.step2.a2": (
        "Gradients from nearby steps still flow, and a task that needs memory rewards a "
        "larger forget bias; that is why Keras starts every LSTM's forget bias at +1.",
        "来自相近时间步的梯度仍能传过来，而需要记忆的任务会奖励更大的遗忘门偏置；这也是 Keras "
        "把每个 LSTM 的遗忘门偏置初始化为 +1 的原因。",
    ),
    # ------------------------------------------------------------------ stacked & bidirectional
    "guide.deep.n1": (
        "In the textbook example nn.GRU(10, 20, 2) with input (5, 3, 10), output.size() is "
        "[5, 3, 20]: one h for each of the 5 steps and 3 sequences, from the top layer only.",
        "在教材示例 nn.GRU(10, 20, 2)、输入 (5, 3, 10) 中，output.size() 是 [5, 3, 20]："
        "5 个时间步、3 个序列各一个 h，只来自最上面一层。",
    ),
    "guide.deep.n2": (
        "hn.size() is [2, 3, 20]: the last state of each of the 2 layers; hn[1] equals "
        "output[4], the top layer at the last step.",
        "hn.size() 是 [2, 3, 20]：2 层各自的最后状态；hn[1] 等于 output[4]，即最上层在最后一个"
        "时间步的输出。",
    ),
    "guide.deep.n3": (
        "The bidirectional example gives output [5, 3, 40] (both directions side by side) "
        "and hn [4, 3, 20] (2 layers × 2 directions).",
        "双向示例得到 output [5, 3, 40]（两个方向并排拼接）和 hn [4, 3, 20]（2 层 × 2 个方向）。",
    ),
    "guide.deep.q1": (
        "In the bidirectional network, is hn[-1] the last row of output?",
        "在双向网络中，hn[-1] 是 output 的最后一行吗？",
    ),
    "guide.deep.a1": (
        "No. hn[-1] is the top layer's backward direction, which ends at the first step: "
        "it equals output[0, :, 20:], the right half of the first row.",
        "不是。hn[-1] 是最上层的反向方向，它在第一个时间步结束：它等于 output[0, :, 20:]，也就是"
        "第一行的右半部分。",
    ),
    "guide.deep.q2": (
        "What does the second layer read as its input?",
        "第二层的输入是什么？",
    ),
    "guide.deep.a2": (
        "The first layer's output at every step: 20 numbers per step, or 40 when "
        "bidirectional (both directions concatenated), whatever the network's input size.",
        "第一层在每个时间步的输出：每步 20 个数，双向时为 40 个（两个方向拼接），与网络的输入"
        "维度无关。",
    ),
    # ------------------------------------------------------------------ learned models
    "guide.learned.delayed_recall.n1": (
        "Held-out accuracy: GRU and LSTM 100%, the plain RNN 27%, hardly better than "
        "guessing one of the 4 digits (25%).",
        "留出数据上的准确率：GRU 和 LSTM 为 100%，普通 RNN 为 27%，几乎不比从 4 个数字里瞎猜（25%）强。",
    ),
    "guide.learned.delayed_recall.n2": (
        "Pick LSTM: on the example the marked digit is at step 16. The line 'probability of "
        "its answer' rises from 0.87 to 0.97 there and stays at 1.00 to the end.",
        "选 LSTM：示例中被标记的数字在第 16 步。“所给答案的概率”曲线在那里从 0.87 升到 0.97，之后"
        "一直保持 1.00 到最后。",
    ),
    "guide.learned.delayed_recall.n3": (
        "Pick RNN: the probability of its answer stays between 0.25 and 0.28 at every step: "
        "it never knows the answer.",
        "选 RNN：它所给答案的概率每一步都在 0.25 到 0.28 之间：它从来不知道答案。",
    ),
    "guide.learned.delayed_recall.q1": (
        "Why is 25% the accuracy of pure guessing?",
        "为什么纯粹瞎猜的准确率是 25%？",
    ),
    "guide.learned.delayed_recall.a1": (
        "There are 4 possible digits, each equally likely: a guess is right 1 time in 4.",
        "可能的数字有 4 个，每个出现的机会相同：瞎猜 4 次中对 1 次。",
    ),
    "guide.learned.delayed_recall.q2": (
        "What must the gates do after the marked step?",
        "在被标记的那一步之后，门需要做什么？",
    ),
    "guide.learned.delayed_recall.a2": (
        "Close the door behind the digit: keep the state (GRU update gate or LSTM forget "
        "gate near 1) and let no later digit in.",
        "把数字关在门后：保持状态（GRU 的更新门或 LSTM 的遗忘门接近 1），不让之后的数字进来。",
    ),
    "guide.learned.adding.n1": (
        "Held-out accuracy: GRU 96%, LSTM 83%, the plain RNN only 7%.",
        "留出数据上的准确率：GRU 为 96%，LSTM 为 83%，普通 RNN 只有 7%。",
    ),
    "guide.learned.adding.n2": (
        "On the example the marked values are 0.82 (step 10) and 0.39 (step 44), so the "
        "answer is 1.21; the GRU's output ends at 1.23, within 0.04: right.",
        "示例中被标记的数值是 0.82（第 10 步）和 0.39（第 44 步），所以答案是 1.21；GRU 的输出"
        "最终为 1.23，误差在 0.04 以内：正确。",
    ),
    "guide.learned.adding.n3": (
        "Pick RNN: its output ends at 1.02, and it changed by less than 0.1 at both marked "
        "steps: it never picked up the marked values.",
        "选 RNN：它的输出最终为 1.02，在两个被标记的时间步都变化不到 0.1：它根本没有捕捉到被标记"
        "的数值。",
    ),
    "guide.learned.adding.q1": (
        "Why is the task hard for a plain RNN?",
        "为什么这个任务对普通 RNN 很难？",
    ),
    "guide.learned.adding.a1": (
        "It must hold the first marked value across dozens of noisy steps. Its state is "
        "rewritten at every step, and the gradient that should teach it to hold vanishes "
        "on the way back.",
        "它必须把第一个被标记的数值保持几十个有噪声的时间步。它的状态每一步都被改写，而本应教会"
        "它保持的梯度在往回传时消失了。",
    ),
    "guide.learned.brackets.n1": (
        "Held-out accuracy: LSTM 99%, GRU 97%, the plain RNN 34%.",
        "留出数据上的准确率：LSTM 为 99%，GRU 为 97%，普通 RNN 为 34%。",
    ),
    "guide.learned.brackets.n2": (
        "On the example the depth reaches 10 at step 32; the GRU and the LSTM get all 64 "
        "depths right.",
        "示例中嵌套深度在第 32 步达到 10；GRU 和 LSTM 把全部 64 个深度都答对了。",
    ),
    "guide.learned.brackets.n3": (
        "Pick RNN: its depths are right until step 16, first go wrong at step 17, and 35 "
        "of the 64 are wrong.",
        "选 RNN：它的深度到第 16 步都正确，第 17 步开始出错，64 个中错了 35 个。",
    ),
    "guide.learned.brackets.q1": (
        "Which part of an LSTM is the natural place for the depth?",
        "LSTM 的哪个部分最适合存放深度？",
    ),
    "guide.learned.brackets.a1": (
        "The cell state: the input gate adds +1 or −1 at a bracket, and a forget gate near "
        "1 keeps the count through the letters in between, as in the LSTM counter preset.",
        "细胞状态：遇到括号时输入门加 +1 或 −1，接近 1 的遗忘门在中间的字母间一直保留计数，就像"
        "“LSTM 细胞状态为脉冲计数”预设那样。",
    ),
    "guide.learned.sentiment.n1": (
        "Held-out accuracy: all three cells 100%. The reviews are short (12 words), so even "
        "the plain RNN remembers enough.",
        "留出数据上的准确率：三种单元都是 100%。评论很短（12 个词），所以连普通 RNN 也记得住。",
    ),
    "guide.learned.sentiment.n2": (
        "On the example the GRU's P(positive) stays above 0.9 from 'not' up to the last "
        "word, 'good', where it falls to 0.01: the verdict comes only with the opinion word.",
        "示例中 GRU 的 P(正面) 从“不”开始一直高于 0.9，直到最后一个词“好”才降到 0.01：结论要"
        "等评价词出现才确定。",
    ),
    "guide.learned.sentiment.q1": (
        "Which word decides the verdict, and what must the network remember when it "
        "arrives?",
        "哪个词决定结论？它出现时网络必须记住什么？",
    ),
    "guide.learned.sentiment.a1": (
        "The last opinion word, 'good'. The network must remember that a 'not' came before "
        "it, to flip positive into negative.",
        "最后一个评价词“好”。网络必须记住它前面出现过“不”，才能把正面翻转为负面。",
    ),
    # ------------------------------------------------------------------ challenges
    "guide.challenge.gru-latch.n1": (
        "With the start weights the update gate is a flat line at 0.5: h moves half-way "
        "to the candidate at every step and follows the sine instead of holding.",
        "使用初始权重时，更新门是一条停在 0.5 的水平线：h 每一步都朝候选状态走一半，跟着正弦波"
        "走，而不是保持。",
    ),
    "guide.challenge.gru-latch.n2": (
        "The writes are at t = 4, 17, 30, 43 and 56; only 35% of the checked steps are "
        "within 0.1 of the value to hold.",
        "写入发生在 t = 4、17、30、43 和 56；被检查的时间步中只有 35% 与应保持的数值相差在 0.1 "
        "以内。",
    ),
    "guide.challenge.gru-latch.q1": (
        "Which gate value do you need between writes, and which at a write?",
        "两次写入之间需要怎样的门值？写入时又需要怎样的门值？",
    ),
    "guide.challenge.gru-latch.a1": (
        "z = 1 between writes (keep) and z = 0 at a write (take the candidate): a large "
        "positive bias on z, and a larger negative weight from the write channel x[1].",
        "两次写入之间 z = 1（保持），写入时 z = 0（采用候选状态）：给 z 一个很大的正偏置，再从"
        "写入通道 x[1] 给一个更大的负权重。",
    ),
    "guide.challenge.lstm-count.n1": (
        "With the start weights the forget gate is a flat line at 0.5: after each impulse "
        "the cell halves every step (0.557 at t = 3, 0.278 at t = 4).",
        "使用初始权重时，遗忘门是一条停在 0.5 的水平线：每个脉冲之后细胞状态每一步减半（t = 3 "
        "时 0.557，t = 4 时 0.278）。",
    ),
    "guide.challenge.lstm-count.n2": (
        "The input has 7 impulses, so the cell should end at 7; with the start weights it "
        "ends at 0.035.",
        "输入有 7 个脉冲，所以细胞状态最后应为 7；使用初始权重时它最后只有 0.035。",
    ),
    "guide.challenge.lstm-count.q1": (
        "Which three gate values make c' = f c + i g add exactly 1 at an impulse?",
        "哪三个门值能让 c' = f c + i g 在脉冲时恰好加 1？",
    ),
    "guide.challenge.lstm-count.a1": (
        "f = 1 (keep the count), i = 1 only at an impulse, and g = 1 at an impulse: then "
        "c' = c + 1 at an impulse and c' = c otherwise.",
        "f = 1（保留计数），i 只在脉冲时为 1，g 在脉冲时为 1：于是脉冲时 c' = c + 1，其余时候 "
        "c' = c。",
    ),
    "guide.challenge.gru-as-rnn.n1": (
        "With the start weights both gates are flat lines at 0.5, so h only goes half-way "
        "to the candidate: its peak is 0.889 where the RNN twin reaches 0.979.",
        "使用初始权重时两个门都是停在 0.5 的水平线，所以 h 只朝候选状态走一半：它的峰值是 0.889，"
        "而对应的 RNN 达到 0.979。",
    ),
    "guide.challenge.gru-as-rnn.n2": (
        "The check compares h with the RNN twin at every step: the largest gap is 0.485, "
        "and it must be below 0.01.",
        "检查在每一步比较 h 与对应的 RNN：最大差距是 0.485，而它必须小于 0.01。",
    ),
    "guide.challenge.gru-as-rnn.q1": (
        "Which values must r and z take, and why?",
        "r 和 z 必须取什么值？为什么？",
    ),
    "guide.challenge.gru-as-rnn.a1": (
        "z = 0, so that h' = n, and r = 1, so that n = tanh(W_in x + W_hn h). Pin them "
        "with large biases (−20 on z, +20 on r).",
        "z = 0，使 h' = n；r = 1，使 n = tanh(W_in x + W_hn h)。用很大的偏置把它们固定住（z 用 "
        "−20，r 用 +20）。",
    ),
    "guide.challenge.gru-wipe.n1": (
        "With the start weights the stairs already work: h is 0.847 just before the cue "
        "at t = 17, and flat between pulses.",
        "使用初始权重时台阶已经正常：提示信号 t = 17 之前 h 为 0.847，脉冲之间保持水平。",
    ),
    "guide.challenge.gru-wipe.n2": (
        "But at the cue h only falls to 0.689, and 0.706 at the second cue (t = 37): the "
        "reset gate stays at 1 and lets the old state into the candidate.",
        "但在提示信号处 h 只降到 0.689，第二次提示（t = 37）时为 0.706：重置门一直是 1，让旧状态"
        "进入了候选状态。",
    ),
    "guide.challenge.gru-wipe.q1": (
        "Which single weight makes the cue wipe the memory?",
        "哪一个权重能让提示信号清空记忆？",
    ),
    "guide.challenge.gru-wipe.a1": (
        "A large negative weight from x[1] to the reset gate (about −30): r = 0 at the "
        "cue, the candidate becomes tanh(0) = 0, and the open update gate copies it into h.",
        "从 x[1] 到重置门的一个很大的负权重（约 −30）：提示时 r = 0，候选状态变成 tanh(0) = 0，"
        "打开的更新门再把它复制到 h 中。",
    ),
    "guide.challenge.rnn-explode-tame.n1": (
        "With the start weights h grows every step: unit 0 passes 1000 at t = 21 and ends "
        "at about 700000 (t = 39).",
        "使用初始权重时 h 每一步都在增长：单元 0 在 t = 21 超过 1000，最后（t = 39）约为 700000。",
    ),
    "guide.challenge.rnn-explode-tame.n2": (
        "The check needs h below 10 with your weights, and above 1000 with W_hh doubled: "
        "the start weights pass only the second part.",
        "检查要求：用你的权重时 h 小于 10，把 W_hh 加倍后 h 大于 1000；初始权重只通过第二部分。",
    ),
    "guide.challenge.rnn-explode-tame.q1": (
        "How much does W_hh stretch the state per step, and what range do you need?",
        "W_hh 每一步把状态拉长多少？你需要的范围是什么？",
    ),
    "guide.challenge.rnn-explode-tame.a1": (
        "Its largest eigenvalue is the stretch: about 1.4 for the start weights. You need "
        "it between 0.5 and 1, so that doubling takes it above 1 (the solution's is 0.76).",
        "拉伸倍数就是它最大的特征值：初始权重约为 1.4。你需要它在 0.5 与 1 之间，这样加倍后才会"
        "超过 1（答案中约为 0.76）。",
    ),
    "guide.challenge.lstm-hold-50.n1": (
        "With the start weights the write works: at t = 3 the cell stores 0.696, exactly "
        "tanh(x[0]).",
        "使用初始权重时写入没有问题：在 t = 3，细胞存下 0.696，正好是 tanh(x[0])。",
    ),
    "guide.challenge.lstm-hold-50.n2": (
        "But after the write the forget gate is only 0.881, so the cell leaks: 0.286 by t = 10 "
        "and 0.004 by t = 44.",
        "但写入之后遗忘门只有 0.881，细胞状态不断流失：t = 10 时为 0.286，t = 44 时只剩 "
        "0.004。",
    ),
    "guide.challenge.lstm-hold-50.q1": (
        "How close to 1 must the forget gate be to keep 95% for 50 steps?",
        "遗忘门要多接近 1，才能在 50 步内保留 95%？",
    ),
    "guide.challenge.lstm-hold-50.a1": (
        "f⁵⁰ ≥ 0.95 needs f ≥ 0.999, a forget bias of about +7 or more; the solution uses "
        "+20 and keeps the cell unchanged.",
        "f⁵⁰ ≥ 0.95 要求 f ≥ 0.999，即遗忘门偏置约 +7 或更大；答案用的是 +20，细胞状态完全不变。",
    ),
}
