"""Titles, explanations and input hints of the toy tasks (gates_lab/classroom/tasks.py), by task name.

Keys: ``task.<name>.title``, ``task.<name>.explain``, ``task.<name>.hint``.
"""

STRINGS: dict[str, tuple[str, str]] = {
    "task.delayed_recall.title": ("Delayed recall", "延迟回忆"),
    "task.delayed_recall.explain": (
        "A stream of digits 0-3 arrives one per step, and one step, anywhere in the stream, "
        "is marked. After the last step the network must name the digit at the marked step, "
        "often dozens of steps back; every other digit is a distraction. A gated cell can "
        "store the digit and then close its gate (GRU: update gate near 1; LSTM: forget gate "
        "near 1, input gate near 0). A plain RNN rewrites its state at every step and loses "
        "the digit.",
        "每一步输入一个数字（0 到 3），序列中任意一步被标记。读完最后一步后，网络要说出被"
        "标记那一步的数字，往往要回溯几十步，其余数字都是干扰。带门的单元可以存下这个数字"
        "，然后关上门（GRU：更新门接近 1；LSTM：遗忘门接近 1、输入门接近 0）。普通 RNN 每"
        "一步都会改写状态，于是把这个数字忘掉了。",
    ),
    "task.delayed_recall.hint": (
        "Digits 0-3, one marked with *, e.g. 0 3* 1 2 2 0 1 3 3 1",
        "输入 0 到 3 的数字，用 * 标记其中一个，例如 0 3* 1 2 2 0 1 3 3 1",
    ),
    "task.adding.title": ("Adding problem", "加法问题"),
    "task.adding.explain": (
        "Each step carries two numbers: a value between 0 and 1 and a marker (0 or 1). Exactly "
        "two steps are marked, one in the first half and one in the second. After the last "
        "step the network must output the sum of the two marked values (Hochreiter & Schmidhuber, "
        "1997). It has to ignore every unmarked value, hold the first marked value across "
        "dozens of steps and add the second. A guess counts as right when it is within 0.04 "
        "of the sum.",
        "每一步有两个数：一个 0 到 1 之间的数值和一个标记（0 或 1）。恰好有两步被标记，一"
        "步在前半段，一步在后半段。读完最后一步后，网络要输出两个被标记数值之和（Hochreiter "
        "与 Schmidhuber，1997）。它必须忽略所有未标记的数值，把第一个标记值保存几十步，再"
        "加上第二个。与正确和相差小于 0.04 即算答对。",
    ),
    "task.adding.hint": (
        "Values in [0, 1]; mark exactly two with *, e.g. 0.3 0.8* 0.1 0.5* 0.9",
        "输入 0 到 1 之间的数，用 * 标记恰好两个，例如 0.3 0.8* 0.1 0.5* 0.9",
    ),
    "task.brackets.title": ("Bracket depth", "括号深度"),
    "task.brackets.explain": (
        "A text of (, ) and other characters (shown as .) arrives one character per step. "
        "At every step the network must output the current nesting depth: +1 for each (, "
        "-1 for each ), unchanged for anything else. This is the classic counter an LSTM "
        "keeps in its cell state: add or subtract one unit, and hold the count with the forget "
        "gate open through long stretches of text. Nesting goes up to 10 levels deep.",
        "一段由 (、) 和其他字符（显示为 .）组成的文本，每一步输入一个字符。网络在每一步都"
        "要输出当前的嵌套深度：遇到 ( 加一，遇到 ) 减一，其他字符不变。这是一个经典的计数"
        "器：LSTM 在细胞状态中加一或减一，并让遗忘门保持打开，在长段文字中一直记住计数。嵌"
        "套最深可达 10 层。",
    ),
    "task.brackets.hint": (
        "e.g. (a(b..)c) : brackets, never closing more than opened, at most 10 deep; letters, "
        "digits and . are plain text.",
        "例如 (a(b..)c)：右括号不能多于已打开的左括号，最多嵌套 10 层；字母、数字和 . 是普"
        "通文字。",
    ),
    "task.sentiment.title": ("Tiny sentiment (with negation)", "迷你情感分类（含否定）"),
    "task.sentiment.explain": (
        "A short review arrives one word per step, in English or Chinese (both map to the "
        "same inputs: 'good' and '好' light the same channel). After the last word the network "
        "says positive or negative. The verdict is the last opinion word ('good', 'boring', "
        "...), flipped by each 'not'/'不' between it and the opinion word before. So the "
        "network must remember whether it has seen 'not', and the verdict itself across the "
        "filler words that follow.",
        "一条简短的影评逐词输入，可以是英文或中文（两者对应相同的输入：'good' 和 '好' 点亮"
        "同一个通道）。读完最后一个词后，网络判断是正面还是负面。结论由最后一个评价词（如"
        "“好”“无聊”）决定，它与前一个评价词之间每出现一个“不”/'not' 就翻转一次。因此网络必"
        "须记住是否见过“不”，并在之后的填充词中一直保持结论。",
    ),
    "task.sentiment.hint": (
        "e.g. 'the movie is not very good' or '这部电影不好' or 'boring but not bad'",
        "例如 “这部电影不好”、“剧情很无聊” 或 'the movie is not very good'",
    ),
}
