"""Strings of the home page."""

STRINGS: dict[str, tuple[str, str]] = {
    "home.lead": (
        "Recurrent networks remember through their **gates**. This lab runs the real "
        "equations of RNN, GRU and LSTM cells — the same numbers PyTorch computes — and shows "
        "every gate at every time step while you change the input and touch every weight.",
        "循环神经网络依靠**门**来记忆。本实验室运行 RNN、GRU 和 LSTM 单元的真实公式——"
        "与 PyTorch 计算的数值完全一致——在你修改输入、调整每一个权重时，"
        "展示每个时间步上每个门的取值。",
    ),
    "home.tour": ("A one-minute tour", "一分钟导览"),
    "home.tour.1": (
        "Open the **GRU cell** page and load the preset *GRU latch*: the hidden state holds a "
        "value until the write signal arrives.",
        "打开 **GRU 单元** 页面并载入预设“GRU 锁存器”：隐藏状态一直保持某个值，直到写入信号到来。",
    ),
    "home.tour.2": (
        "Drag a weight slider beside the chart: every panel follows the slider while it "
        "moves, and when you let go a faint ghost shows the run before, so you see cause "
        "and effect.",
        "拖动图表旁边的权重滑块：拖动时每个面板都随之变化；松开后，淡色“幽灵”曲线显示上一次的结果，"
        "因果一目了然。",
    ),
    "home.tour.3": (
        "Open the plot tab *Step through time* and press play: the cell diagram shows what "
        "flows through each gate at every step, with the equations filled in.",
        "打开图表标签“逐步播放”并点击播放键：单元示意图显示每一步流经各个门的数值，并代入公式。",
    ),
    "home.tour.4": (
        "Compare the three cells and watch a plain RNN's gradient vanish on the *Vanishing "
        "gradients* page.", "在对比页面比较三种单元，并在“梯度消失”页面观察普通 RNN 的梯度如何消失。",
    ),
    "home.tour.5": (
        "Every setting lives in the link: copy the address to hand out an exercise; switch on "
        "presentation mode for the projector.",
        "所有设置都保存在链接中：复制地址即可分发练习；投影时打开演示模式。",
    ),
    "home.pages": ("The pages", "各个页面"),
    "home.about.gru": ("Reset and update gates, both reset placements, both update "
                       "conventions.", "重置门与更新门，两种重置位置，两种更新门写法。"),
    "home.about.lstm": ("Input, forget and output gates and the cell state.",
                        "输入门、遗忘门、输出门与细胞状态。"),
    "home.about.rnn": ("The plain recurrent cell: no gates, exploding and dying states.",
                       "普通循环单元：没有门，状态会爆炸或消失。"),
    "home.about.mgu": ("The minimal gated unit: one gate does the GRU's two jobs.",
                       "最小门控单元：一个门完成 GRU 两个门的工作。"),
    "home.about.compare": ("One input, three cells: memory, structure and cost side by side.",
                           "同一输入，三种单元：记忆、结构与计算代价并排对比。"),
    "home.about.gradients": ("Backpropagation through time: watch gradients vanish or "
                             "explode, and the LSTM's gradient highway.",
                             "随时间反向传播：观察梯度消失或爆炸，以及 LSTM 的梯度高速公路。"),
    "home.about.deep": ("Stacked and bidirectional networks, their shapes, and a check "
                        "against PyTorch.", "多层与双向网络、张量形状，以及与 PyTorch 的对照检查。"),
    "home.about.learned": ("Gates of trained models on toy tasks; train your own; upload a "
                           "PyTorch model.", "在玩具任务上训练得到的门；自己训练；上传 PyTorch 模型。"),
    "home.about.challenges": ("Exercises the lab checks: make a latch, a counter, a memory.",
                              "由实验室自动检查的练习：做一个锁存器、计数器、记忆单元。"),
    "home.equations": ("The three cells", "三种单元"),
    "home.conventions": (
        "Conventions: the lab computes exactly what PyTorch computes. GRU: h_t = (1 - z) ⊙ n + "
        "z ⊙ h_{t-1}, so z near 1 keeps the old state; many textbooks swap z and 1 - z (the "
        "GRU page shows both). PyTorch applies the reset gate after W_hn h; Cho et al. 2014 "
        "apply it before (the GRU page offers both). Weight blocks are stacked in PyTorch's "
        "order: GRU r, z, n; LSTM i, f, g, o.",
        "约定：本实验室的计算与 PyTorch 完全一致。GRU：h_t = (1 - z) ⊙ n + z ⊙ h_{t-1}，"
        "因此 z 接近 1 时保留旧状态；许多教科书把 z 与 1 - z 对调（GRU 页面两种都展示）。"
        "PyTorch 在 W_hn h 之后施加重置门，Cho 等 2014 在之前施加（GRU 页面两种都提供）。"
        "权重块按 PyTorch 的顺序堆叠：GRU 为 r、z、n；LSTM 为 i、f、g、o。",
    ),
}
