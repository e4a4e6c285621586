"""Strings of the GRU, LSTM and RNN pages (gates_lab/pages/cell.py) and the gate names."""

STRINGS: dict[str, tuple[str, str]] = {
    "cell.intro.gru": (
        "A gated recurrent unit: the reset gate decides how much of the old state feeds the "
        "candidate, the update gate how much of the old state is kept.",
        "门控循环单元：重置门决定旧状态有多少进入候选状态，更新门决定保留多少旧状态。",
    ),
    "cell.opening.gru": (
        "The update gate holding a state: one impulse arrives at step 5. Unit 0's update "
        "gate z is near 1 except at the impulse, so it takes the impulse in (h ≈ 0.91) and "
        "then holds it, flat, to the last step. Unit 1's z is near 0: it follows the input "
        "and drops back to 0 at once. Drag the update gate's shift down and unit 0 lets go "
        "too; *Back to the seeded weights* (Settings → Weights) gives random weights.",
        "更新门保持状态：第 5 步到来一个脉冲。单元 0 的更新门 z 除脉冲那一步外都接近 1，所以它"
        "接收脉冲（h ≈ 0.91），然后一直平稳地保持到最后一步。单元 1 的 z 接近 0：它跟随输入，"
        "随即回落到 0。把更新门的平移滑块往下拖，单元 0 也会放手；“恢复为种子初始化的权重”（设置 → "
        "权重）会换回随机权重。",
    ),
    "cell.intro.lstm": (
        "A long short-term memory cell: forget, input and output gates guard a cell state "
        "that is updated by addition, so information and gradients can last.",
        "长短期记忆单元：遗忘门、输入门和输出门守护着一个以加法更新的细胞状态，"
        "使信息和梯度得以长久保持。",
    ),
    "cell.intro.rnn": (
        "A plain recurrent cell: one tanh of the input and the previous state. No gates, so "
        "nothing protects what it remembers.",
        "普通循环单元：对输入和上一时刻状态做一次 tanh。没有门，记忆无从保护。",
    ),
    "cell.intro.mgu": (
        "A minimal gated unit (Zhou et al. 2016): one forget gate f both chooses how much of "
        "the old state feeds the candidate and mixes h = (1 − f) h + f n. A GRU with one gate.",
        "最小门控单元（Zhou 等 2016）：一个遗忘门 f 既决定旧状态有多少进入候选状态，又混合 "
        "h = (1 − f) h + f n。只有一个门的 GRU。",
    ),
    "cell.variant": ("Variant", "变体"),
    "cell.variant_help": (
        "Take a gate away, couple two, or add peepholes (Greff et al. 2017, “LSTM: A Search "
        "Space Odyssey”); the link keeps the choice.",
        "去掉一个门、耦合两个门或加上窥视孔连接（Greff 等 2017，“LSTM: A Search Space "
        "Odyssey”）；链接会保存这个选择。",
    ),
    "variant.lstm.standard": ("standard", "标准"),
    "variant.lstm.standard.about": (
        "Forget, input and output gates (Gers et al. 2000, as torch.nn.LSTM).",
        "遗忘门、输入门和输出门（Gers 等 2000，与 torch.nn.LSTM 相同）。"),
    "variant.lstm.no_forget": ("no forget gate", "无遗忘门"),
    "variant.lstm.no_forget.about": (
        "Hochreiter & Schmidhuber 1997: c_t = c_{t-1} + i_t ⊙ g_t; the cell state only adds.",
        "Hochreiter 与 Schmidhuber 1997：c_t = c_{t-1} + i_t ⊙ g_t；细胞状态只会累加。"),
    "variant.lstm.no_input": ("no input gate", "无输入门"),
    "variant.lstm.no_input.about": (
        "c_t = f_t ⊙ c_{t-1} + g_t: every candidate is written in full.",
        "c_t = f_t ⊙ c_{t-1} + g_t：每个候选值都被完整写入。"),
    "variant.lstm.no_output": ("no output gate", "无输出门"),
    "variant.lstm.no_output.about": (
        "h_t = tanh(c_t): the whole cell state is always shown.",
        "h_t = tanh(c_t)：整个细胞状态总是被输出。"),
    "variant.lstm.coupled": ("coupled (CIFG)", "耦合（CIFG）"),
    "variant.lstm.coupled.about": (
        "i_t = 1 − f_t: what is forgotten is replaced; no input-gate weights.",
        "i_t = 1 − f_t：遗忘多少就写入多少；没有输入门权重。"),
    "variant.lstm.peephole": ("peepholes", "窥视孔"),
    "variant.lstm.peephole.about": (
        "Gers & Schmidhuber 2000: i and f also see c_{t-1}, o sees c_t, through the vectors "
        "p_i, p_f, p_o.",
        "Gers 与 Schmidhuber 2000：i 和 f 还能看到 c_{t-1}，o 看到 c_t，通过向量 p_i、p_f、p_o。"),
    "variant.gru.standard": ("standard", "标准"),
    "variant.gru.standard.about": (
        "Reset and update gates (Cho et al. 2014, as torch.nn.GRU).",
        "重置门和更新门（Cho 等 2014，与 torch.nn.GRU 相同）。"),
    "variant.gru.no_reset": ("no reset gate", "无重置门"),
    "variant.gru.no_reset.about": (
        "r ≡ 1: n_t = tanh(W_in x_t + b_in + W_hn h_{t-1} + b_hn); the candidate always sees h.",
        "r ≡ 1：n_t = tanh(W_in x_t + b_in + W_hn h_{t-1} + b_hn)；候选状态总能看到 h。"),
    "cell.tab.cell": ("Cell", "单元"),
    "cell.tab.input": ("Input sequence", "输入序列"),
    "cell.tab.weights": ("Weights", "权重"),
    "cell.tab.files": ("Files", "文件"),
    "cell.preset": ("Classroom preset", "课堂预设"),
    "cell.preset.none": ("— choose a scenario —", "— 选择一个场景 —"),
    "cell.preset.apply": ("Load preset", "载入预设"),
    "cell.preset.changed": (
        "Started from the preset “{name}” and changed since: its explanation is for the "
        "preset's own settings (Load preset brings them back).",
        "从预设“{name}”开始，之后做了修改：该预设的说明只适用于它自己的设置（点“载入预设”可恢复）。",
    ),
    "cell.preset.unknown": (
        "The link names the preset '{name}', which is not a preset of this page (it has: "
        "{names}); the page opens without a preset.",
        "链接中的预设“{name}”不是本页的预设（本页有：{names}）；页面在没有预设的情况下打开。",
    ),
    "cell.input_size": ("Input size", "输入维度"),
    "cell.input_size_help": ("Number of input channels x_t (1 to 4).",
                             "输入 x_t 的通道数（1 到 4）。"),
    "cell.hidden_size": ("Hidden size", "隐藏维度"),
    "cell.hidden_size_help": ("Number of hidden units (1 to 16). Sizes 1 and 2 get one "
                              "slider per weight.",
                              "隐藏单元数（1 到 16）。维度为 1 或 2 时每个权重都有滑块。"),
    "cell.seed": ("Initialisation seed", "初始化种子"),
    "cell.seed_help": ("Weights start uniform in ±1/√hidden, as PyTorch does, drawn with "
                       "this seed.", "权重与 PyTorch 一样在 ±1/√hidden 内均匀初始化，使用此种子。"),
    "cell.reset_variant": ("Where the reset gate acts", "重置门的位置"),
    "cell.reset_after.True": ("after W_hn h (PyTorch, cuDNN, Keras default)",
                              "在 W_hn h 之后（PyTorch、cuDNN、Keras 默认）"),
    "cell.reset_after.False": ("before W_hn, on h (Cho et al. 2014, ONNX default)",
                               "在 W_hn 之前作用于 h（Cho 等 2014，ONNX 默认）"),
    "cell.reset_note.1": (
        "Reset after: r multiplies W_hn h + b_hn, as torch.nn.GRU computes it.",
        "重置在后：r 乘以 W_hn h + b_hn，与 torch.nn.GRU 的计算一致。",
    ),
    "cell.reset_note.0": (
        "Reset before: r multiplies h before W_hn, as in Cho et al. 2014 (torch has no such "
        "mode).", "重置在前：r 先乘以 h 再乘 W_hn，如 Cho 等 2014（torch 没有这种模式）。",
    ),
    "cell.textbook": ("Textbook update convention", "教科书的更新门写法"),
    "cell.textbook_help": (
        "Many textbooks (and the course notes) write h_t = (1-z)h_{t-1} + z h~_t: their z is "
        "PyTorch's 1 - z. The engine always computes PyTorch's form; this switch changes what "
        "the plots and formulas call z.",
        "许多教科书（以及课程笔记）写作 h_t = (1-z)h_{t-1} + z h~_t：其中的 z 即 PyTorch 的 "
        "1 - z。引擎总是按 PyTorch 的形式计算；此开关只改变图和公式中 z 的含义。",
    ),
    "cell.textbook_note.0": (
        "Shown: PyTorch's convention — z near 1 keeps the old state.",
        "当前显示：PyTorch 的写法 —— z 接近 1 时保留旧状态。",
    ),
    "cell.textbook_note.1": (
        "Shown: the textbook convention — z' = 1 - z near 1 takes the new candidate.",
        "当前显示：教科书写法 —— z' = 1 - z 接近 1 时采用新的候选状态。",
    ),
    "cell.nonlinearity": ("Nonlinearity", "激活函数"),
    "cell.display": ("Show the states as", "状态显示方式"),
    "cell.display.auto": ("automatic", "自动"),
    "cell.display.lines": ("lines", "折线"),
    "cell.display.heatmap": ("heatmaps", "热力图"),
    "cell.input_mode": ("Input from", "输入来源"),
    "cell.input_mode.pattern": ("patterns", "波形"),
    "cell.input_mode.table": ("a table of values", "数值表格"),
    "cell.input_mode.text": ("typed text", "输入文本"),
    "cell.length": ("Sequence length", "序列长度"),
    "cell.points_dropped": ("{msg}.", "{msg}。"),
    "cell.channel": ("**Channel x{c}**", "**通道 x{c}**"),
    "cell.pattern": ("Pattern", "波形"),
    "cell.pattern.constant": ("constant", "常数"),
    "cell.pattern.step": ("step", "阶跃"),
    "cell.pattern.impulse": ("impulse", "单脉冲"),
    "cell.pattern.impulses": ("repeated impulses", "重复脉冲"),
    "cell.pattern.sine": ("sine", "正弦"),
    "cell.pattern.square": ("square", "方波"),
    "cell.pattern.ramp": ("ramp / sawtooth", "斜坡 / 锯齿"),
    "cell.pattern.noise": ("noise", "噪声"),
    "cell.amplitude": ("Amplitude", "幅度"),
    "cell.period": ("Period", "周期"),
    "cell.period_help": ("Steps per cycle (0: one ramp over the whole sequence).",
                         "每个周期的步数（0：整个序列一个斜坡）。"),
    "cell.onset": ("Onset (first step)", "起始步"),
    "cell.noise_seed": ("Noise seed", "噪声种子"),
    "cell.table_help": (
        "One row per time step, one column per channel. Add or delete rows to change the "
        "length; paste values from a spreadsheet.",
        "每行一个时间步，每列一个通道。增删行即可改变长度；可从表格软件粘贴数值。",
    ),
    "cell.table_error": ("The table has a problem: {msg}. The last valid values are used.",
                         "表格有问题：{msg}。仍使用上一次有效的数值。"),
    "cell.text": ("Word or sentence", "单词或句子"),
    "cell.text_help": (
        "Each character (or word) becomes one time step, encoded by a small fixed embedding "
        "of the input size; the tokens label the time axis. Chinese characters work too.",
        "每个字符（或单词）成为一个时间步，由固定的小型嵌入编码为输入维度的向量；"
        "时间轴上标出各个词元。也支持汉字。",
    ),
    "cell.text_mode": ("Tokens", "词元"),
    "cell.text_mode.chars": ("characters", "字符"),
    "cell.text_mode.words": ("words", "单词"),
    "cell.input_error": (
        "The input cannot be built: {msg}. Change the input settings; everything else is kept.",
        "无法生成输入：{msg}。请修改输入设置；其他设置均已保留。",
    ),
    "cell.reinit": ("Back to the seeded weights", "恢复为种子初始化的权重"),
    "cell.reinit_help": ("Clears every hand edit, scale and shift.",
                         "清除所有手动修改、缩放和偏移。"),
    "cell.knobs_help": (
        "Per gate: multiply its weights by a scale and add a shift to its biases.",
        "每个门：将其权重乘以缩放系数，并在偏置上加一个偏移。",
    ),
    "cell.scale": ("weight scale", "权重缩放"),
    "cell.shift": ("bias shift", "偏置偏移"),
    "cell.matrix_gate": ("Edit the weights of", "编辑权重："),
    "cell.matrix_error": ("Every matrix cell needs a number; the last valid weights are used.",
                          "矩阵中每格都需要数字；仍使用上一次有效的权重。"),
    "cell.download_csv": ("Trace (CSV)", "轨迹（CSV）"),
    "cell.wrong_kind": ("this file holds a {kind} scenario; open it on the {kind} page "
                        "(this is the {page} page)",
                        "此文件是 {kind} 场景，请在 {kind} 页面打开（当前为 {page} 页面）"),
    "cell.png_hint": ("Each chart saves itself as PNG from its toolbar (camera icon).",
                      "每个图表都可以通过工具栏（相机图标）保存为 PNG。"),
    "cell.equations": ("Equations (as the engine computes them)", "公式（引擎的实际计算）"),
    "cell.over_time": ("Gates and states over time", "门与状态随时间的变化"),
    "cell.scrubber": ("Step through time", "逐步播放"),
    "cell.scrubber_unit": ("Numbers for unit", "显示数字的单元"),
    "cell.scrubber_unit_help": (
        "Which hidden unit's numbers the equations under the diagram show (the diagram's "
        "boxes show units 0–3).",
        "图下方的方程显示哪一个隐藏单元的数字（图中的方框显示单元 0–3）。",
    ),
    "cell.scrubber_slider": ("Time step", "时间步"),
    "cell.scrubber_keys": (
        "Drag the slider, or click it or the diagram and use ← → (one step), Page Up/Down "
        "(ten), Home/End (first/last).",
        "拖动滑块，或点击滑块或图后用 ← →（一步）、Page Up/Down（十步）、Home/End（第一步/最后一步）。",
    ),
    "cell.scrubber_numbers": ("Equations with the numbers of unit {u}:", "单元 {u} 的方程与数字："),
    "cell.scrubber_strided": (
        "A long sequence: the diagram steps through {n} evenly spaced steps of {total} "
        "(fewer with more than {units} units, so that a move stays quick; the chart over "
        "time shows every step).",
        "序列较长：图中逐步显示 {total} 步中均匀选取的 {n} 步（隐藏单元超过 {units} 个时更少，"
        "以便每次移动仍然迅速；随时间变化的图显示每一步）。",
    ),
    "cell.scrubber_help": (
        "Drag the slider under the diagram, use the arrow keys, or press play: the diagram "
        "shows the values flowing through each gate at step t, and the equations below it "
        "that step's numbers for the unit you pick.",
        "拖动图下方的滑块、使用方向键或点击播放：示意图显示第 t 步流经每个门的数值，"
        "下方的公式代入所选单元在该步的数值。",
    ),
    "cell.saturation": ("Gate saturation", "门的饱和程度"),
    "cell.saturation_help": (
        "Share of steps each gate spends nearly closed (< 0.1) or nearly open (> 0.9).",
        "每个门处于几乎关闭（< 0.1）或几乎打开（> 0.9）状态的时间比例。",
    ),
    "cell.phase": ("Phase portrait", "相图"),
    "cell.phase_help": (
        "The hidden state as a path in the plane (h₁ against h₂), step by step; the faint "
        "path is the previous run.",
        "隐藏状态在平面上（h₁ 对 h₂）逐步走出的轨迹；淡色轨迹是上一次运行。",
    ),
    "cell.phase_needs_two": (
        "The phase portrait draws h₁ against h₂, so it needs hidden size 2 (now {h}). "
        "Set it under Settings → Cell.",
        "相图以 h₁ 对 h₂ 作图，因此需要隐藏层大小为 2（当前为 {h}）。请在“设置 → 单元”中设置。",
    ),
    "gate.gru.r": ("Reset gate r", "重置门 r"),
    "gate.gru.z": ("Update gate z", "更新门 z"),
    "gate.gru.n": ("Candidate n", "候选状态 n"),
    "gate.lstm.i": ("Input gate i", "输入门 i"),
    "gate.lstm.f": ("Forget gate f", "遗忘门 f"),
    "gate.lstm.g": ("Candidate g", "候选值 g"),
    "gate.lstm.o": ("Output gate o", "输出门 o"),
    "gate.mgu.f": ("Forget gate f", "遗忘门 f"),
    "gate.mgu.n": ("Candidate n", "候选状态 n"),
    "gate.rnn.h": ("Hidden state h", "隐藏状态 h"),
}
