"""Titles and explanations of the classroom presets (gates_lab/classroom/presets.py), by preset name.

Keys: ``preset.<name>.title``, ``preset.<name>.explain``.
"""

STRINGS: dict[str, tuple[str, str]] = {
    "preset.gru-as-rnn.title": ("A GRU that is just a plain RNN", "退化成普通 RNN 的 GRU"),
    "preset.gru-as-rnn.explain": (
        "Huge biases pin the reset gate at 1 and the update gate at 0, so the GRU always "
        "takes its candidate n = tanh(W_in x + W_hn h). That is exactly the plain tanh RNN "
        "with the same two weights.",
        "巨大的偏置把重置门固定在 1、更新门固定在 0，所以 GRU 每一步都直接采用候选状态 n "
        "= tanh(W_in x + W_hn h)。这正是使用同样两个权重的普通 tanh RNN。",
    ),
    "preset.gru-latch.title": (
        "GRU latch: hold a value until told to write",
        "GRU 锁存器：保持数值，直到收到写入信号",
    ),
    "preset.gru-latch.explain": (
        "Channel 0 carries a value and channel 1 a write signal; without the signal the update "
        "gate sits at 1 and the hidden state stays put. On a write the update gate drops "
        "to 0 and the state becomes tanh(value).",
        "通道 0 传入数值，通道 1 传入写入信号；没有信号时更新门约为 1，隐藏状态保持不变。"
        "收到写入信号时更新门降到 0，隐藏状态变为 tanh(数值)。",
    ),
    "preset.gru-reset-wipe.title": (
        "GRU reset gate wipes the memory on a cue",
        "GRU 重置门在提示信号到来时清空记忆",
    ),
    "preset.gru-reset-wipe.explain": (
        "Each pulse on channel 0 is added on top of the remembered state, because the reset "
        "gate lets the old state into the candidate. A cue on channel 1 closes the reset "
        "gate, the candidate forgets the past and the state drops to 0.",
        "通道 0 的每个脉冲都叠加在已记住的状态上，因为重置门让旧状态进入候选状态。通道 1 "
        "的提示信号关闭重置门，候选状态忘掉过去，隐藏状态随之归零。",
    ),
    "preset.gru-update-keeps.title": (
        "GRU update gate near 1 keeps the state (torch's convention)",
        "GRU 更新门接近 1 时保持状态（torch 约定）",
    ),
    "preset.gru-update-keeps.explain": (
        "In torch's GRU h' = (1 - z) n + z h, so unit 0, with z near 1, barely moves when "
        "the input steps up, while unit 1, with z near 0, jumps to its candidate at once. "
        "Many textbooks swap z and 1 - z, which would swap the two units' roles.",
        "在 torch 的 GRU 中 h' = (1 - z) n + z h，所以 z 接近 1 的单元 0 在输入跃升时几乎"
        "不动，而 z 接近 0 的单元 1 立刻跳到候选状态。许多教材把 z 和 1 - z 对调，那样两个"
        "单元的角色也会对调。",
    ),
    "preset.gru-saturated.title": (
        "Saturated gates: large weights make switches",
        "饱和的门：大权重让门变成开关",
    ),
    "preset.gru-saturated.explain": (
        "With weights of size 40 the reset and update gates are almost always exactly 0 or "
        "1, flipping abruptly when the input changes sign. Saturated gates have a gradient "
        "near zero, which is why training avoids them.",
        "权重大小为 40 时，重置门和更新门几乎总是恰好为 0 或 1，输入变号时突然翻转。饱和的"
        "门梯度接近零，所以训练时要尽量避免。",
    ),
    "preset.lstm-counter.title": ("LSTM cell state counts impulses", "LSTM 细胞状态为脉冲计数"),
    "preset.lstm-counter.explain": (
        "The forget gate is held at 1 and the input gate opens only on an impulse, when the "
        "candidate is 1. So the cell state climbs by 1 at every impulse and stays flat in "
        "between: it counts.",
        "遗忘门保持为 1，输入门只在脉冲到来时打开，此时候选值为 1。所以细胞状态在每个脉冲"
        "处增加 1，其余时间保持不变：它在计数。",
    ),
    "preset.lstm-long-memory.title": (
        "LSTM forget gate near 1: long memory",
        "LSTM 遗忘门接近 1：长记忆",
    ),
    "preset.lstm-long-memory.explain": (
        "One impulse writes 1 into the cell; afterwards the forget gate is sigmoid(5) = 0.993, "
        "so the cell keeps 0.993 of itself every step. After 50 steps about 70% of the value "
        "is still there.",
        "一个脉冲把 1 写入细胞；之后遗忘门为 sigmoid(5) = 0.993，细胞每一步保留自身的 0.993。"
        "50 步之后仍保留约 70% 的数值。",
    ),
    "preset.lstm-short-memory.title": (
        "LSTM forget gate near 0: short memory",
        "LSTM 遗忘门接近 0：短记忆",
    ),
    "preset.lstm-short-memory.explain": (
        "The same impulse writes 1 into the cell, but the forget gate is sigmoid(-3) = 0.047, "
        "so each step keeps under 5% of the cell. A few steps later the value is gone.",
        "同样的脉冲把 1 写入细胞，但遗忘门为 sigmoid(-3) = 0.047，每一步只保留不到 5% 的细"
        "胞状态。几步之后数值就消失了。",
    ),
    "preset.lstm-hold-value.title": (
        "LSTM holds a value for 60 steps",
        "LSTM 把一个数值保持 60 步",
    ),
    "preset.lstm-hold-value.explain": (
        "Channel 0 keeps changing, but only at the write signal on channel 1 do the input "
        "gate open and the forget gate close. The cell stores tanh(value) at that moment "
        "and holds it unchanged to the end.",
        "通道 0 一直在变化，但只有通道 1 的写入信号到来时，输入门才打开、遗忘门才关闭。细"
        "胞在那一刻存下 tanh(数值)，并一直保持到结束。",
    ),
    "preset.rnn-explode.title": ("ReLU RNN whose state explodes", "状态爆炸的 ReLU RNN"),
    "preset.rnn-explode.explain": (
        "After one impulse there is no input, but the recurrent weight is 1.5 and ReLU never "
        "squashes, so the state is multiplied by 1.5 at every step. Thirty steps later it is "
        "beyond 100000.",
        "一个脉冲之后不再有输入，但循环权重为 1.5，而 ReLU 不会压缩数值，所以状态每一步乘"
        "以 1.5。三十步后它超过了 100000。",
    ),
    "preset.rnn-vanish.title": ("RNN whose state dies out", "状态逐渐消失的 RNN"),
    "preset.rnn-vanish.explain": (
        "After one impulse the recurrent weight 0.5 halves the state at every step (tanh "
        "is almost linear near 0). Twenty-five steps later nothing of the impulse is left.",
        "一个脉冲之后，循环权重 0.5 让状态每一步减半（tanh 在 0 附近几乎是线性的）。二十五"
        "步之后脉冲已经不留痕迹。",
    ),
    "preset.rnn-tanh-saturate.title": ("tanh RNN that saturates", "饱和的 tanh RNN"),
    "preset.rnn-tanh-saturate.explain": (
        "The input ramps up steadily and so does the preactivation, but the hidden state "
        "flattens at 1 once tanh saturates. In that region changes of the input no longer "
        "show in the state.",
        "输入稳定上升，预激活也随之上升，但 tanh 饱和后隐藏状态停在 1 附近。在这个区域，输"
        "入的变化不再反映到状态上。",
    ),
    "preset.lstm-no-forget.title": (
        "Why the forget gate was added: an LSTM without one",
        "为什么要加遗忘门：没有遗忘门的 LSTM",
    ),
    "preset.lstm-no-forget.explain": (
        "The original LSTM (Hochreiter & Schmidhuber 1997) had no forget gate, so c_t = "
        "c_{t-1} + i·g only adds: on this constant input it climbs by 0.56 every step, to 44 "
        "after 80 steps and on without bound, while h = o·tanh(c) sticks at o. Gers, "
        "Schmidhuber & Cummins (2000) added the forget gate f so that the cell can let go of "
        "its state: c_t = f·c_{t-1} + i·g stays below i·g / (1 − f).",
        "最初的 LSTM（Hochreiter 与 Schmidhuber，1997）没有遗忘门，c_t = c_{t-1} + i·g 只会"
        "累加：在这个恒定输入上每一步增加 0.56，80 步后达到 44 并无限增长，而 h = o·tanh(c) "
        "停在 o。Gers、Schmidhuber 与 Cummins（2000）加入了遗忘门 f，让细胞能够放下旧状态："
        "c_t = f·c_{t-1} + i·g 不会超过 i·g / (1 − f)。",
    ),
    "preset.lstm-coupled-hold.title": (
        "Coupled gates (CIFG): one gate fewer, the same memory",
        "耦合门（CIFG）：少一个门，记忆不变",
    ),
    "preset.lstm-coupled-hold.explain": (
        "This LSTM has no input-gate weights, its input gate is i = 1 − f: without the write "
        "signal f is 1 and the cell keeps its value, the signal drops f to 0, which opens i, "
        "and the value is written. It holds the value exactly as the standard LSTM's “hold "
        "a value” preset does, with a quarter fewer parameters (Greff and colleagues found "
        "in 2017 that this coupling costs little).",
        "这个 LSTM 没有输入门权重，输入门 i = 1 − f：没有写入信号时 f 为 1，细胞保持数值；"
        "写入信号把 f 降到 0，从而打开 i，数值被写入。它与标准 LSTM 的“保持数值”预设保持得"
        "完全一样，参数却少了四分之一（Greff 等人在 2017 年发现这种耦合几乎没有代价）。",
    ),
    "preset.gru-no-reset.title": (
        "A GRU without its reset gate cannot ignore the past",
        "没有重置门的 GRU 无法忽略过去",
    ),
    "preset.gru-no-reset.explain": (
        "These are the weights of “reset wipes the memory” without the reset gate, so the "
        "candidate is always n = tanh(W_in x + W_hn h) and the old state always feeds it. "
        "When the cue on channel 1 asks for a fresh start the update gate lets the candidate "
        "in, but the candidate still carries h and the state is not wiped, where the "
        "standard GRU drops to 0 because its r = 0 cuts h out of the candidate.",
        "这是“重置门清空记忆”预设去掉重置门后的权重，候选状态总是 n = tanh(W_in x + W_hn h)，"
        "旧状态总会进入其中。当通道 1 的提示要求重新开始时，更新门让候选状态进入，但候选状态"
        "仍然带着 h，状态没有被清空；标准 GRU 在那里降到 0，因为 r = 0 把 h 从候选状态中切断。",
    ),
    "preset.mgu-latch.title": (
        "MGU latch: one gate is enough",
        "MGU 锁存器：一个门就够了",
    ),
    "preset.mgu-latch.explain": (
        "The minimal gated unit (Zhou and colleagues, 2016) has a single gate f, which "
        "channel 1's write signal opens: h = (1 − f) h + f n then takes the candidate n = "
        "tanh(value). Without the signal f is 0 and h keeps its value whatever channel 0 "
        "does, the same latch as the GRU's with two gate blocks instead of three.",
        "最小门控单元（Zhou 等人，2016）只有一个门 f，由通道 1 的写入信号打开：此时 h = "
        "(1 − f) h + f n 采用候选状态 n = tanh(数值)。没有信号时 f 为 0，无论通道 0 怎样变化 "
        "h 都保持不变，与 GRU 的锁存器相同，只用两个门块而不是三个。",
    ),
    "preset.lstm-no-input.title": (
        "Without an input gate the cell cannot refuse to write",
        "没有输入门，细胞无法拒绝写入",
    ),
    "preset.lstm-no-input.explain": (
        "The weights of “hold a value” without the input gate: c_t = f c_{t-1} + g_t adds "
        "every candidate in full, so while the forget gate holds (f = 1) the cell sums the "
        "value channel instead of keeping what was written at the signal. The standard "
        "LSTM's input gate stays shut between write signals, which is what lets it hold "
        "the value unchanged.",
        "这是“保持数值”预设去掉输入门后的权重：c_t = f c_{t-1} + g_t 把每个候选值完整写入，"
        "所以在遗忘门保持（f = 1）时，细胞把数值通道不断累加，而不是保留写入信号时的数值。"
        "标准 LSTM 的输入门在写入信号之间保持关闭，正因如此它才能让数值保持不变。",
    ),
    "preset.lstm-peephole-limit.title": (
        "Peepholes: a gate that watches the cell stops the counter",
        "窥视孔：看着细胞的门让计数器自己停下",
    ),
    "preset.lstm-peephole-limit.explain": (
        "A counter that adds about 1 to the cell at every step of a constant input, whose "
        "input gate also sees the cell through the peephole p_i = −4: i = σ(6 − 4 c_{t-1}) "
        "shuts as c passes 1.5, so the count stalls near 2.8 after 40 steps. The same "
        "weights without peepholes count on to 39.9: no ordinary gate sees c, only h = "
        "o·tanh(c), which saturates (Gers & Schmidhuber 2000 added peepholes for timing "
        "and counting).",
        "一个计数器在恒定输入的每一步给细胞加约 1，它的输入门还通过窥视孔 p_i = −4 看到细胞："
        "i = σ(6 − 4 c_{t-1}) 在 c 超过 1.5 时关闭，所以 40 步后计数停在约 2.8。同样的权重"
        "没有窥视孔时会一直数到 39.9：普通的门看不到 c，只看到会饱和的 h = o·tanh(c)（Gers "
        "与 Schmidhuber 2000 为计时和计数加入了窥视孔）。",
    ),
    "preset.lstm-no-output.title": (
        "Without an output gate the memory is always on show",
        "没有输出门，记忆总是暴露在外",
    ),
    "preset.lstm-no-output.explain": (
        "The cell stores the value written at step 3 and keeps it, but with h = tanh(c) "
        "the hidden state shows it at every step, whether or not the read signal on "
        "channel 1 asks for it. With an output gate o = σ(40·read − 20) the same cell "
        "keeps h at 0 and shows the value only at the reads: the gate decides when the "
        "memory is used, not just what it holds.",
        "细胞保存第 3 步写入的数值并一直保持，但由于 h = tanh(c)，隐藏状态每一步都显示它，"
        "不管通道 1 的读取信号是否要求。加上输出门 o = σ(40·read − 20) 后，同一个细胞让 h "
        "保持为 0，只在读取时刻显示数值：输出门决定何时使用记忆，而不只是记住什么。",
    ),
}
