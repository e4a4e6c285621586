"""Strings of the learned-gates page (lab/pages/learned.py, lab/model_export.py)."""

STRINGS: dict[str, tuple[str, str]] = {
    "learn.intro": (
        "Cells trained on small tasks: watch which gates they learned to use, type your own "
        "input, train one yourself, limit its weights, or bring your own PyTorch model.",
        "在小任务上训练得到的单元：观察它们学会了怎样使用门，输入你自己的序列，亲手训练一个，"
        "限制它的权重，或者上传你自己的 PyTorch 模型。",
    ),
    "learn.choose": ("Task and cell", "任务与单元"),
    "learn.task": ("Task", "任务"),
    "learn.kind": ("Cell", "单元"),
    "learn.accuracy": ("Held-out accuracy of the shipped models", "内置模型在留出数据上的准确率"),
    "learn.accuracy_help": (
        "Measured on 500 fresh examples the models never saw. ◀ marks the cell shown below. "
        "Without gates the plain RNN cannot keep information for long: watch it fail the "
        "long-range tasks.",
        "在模型从未见过的 500 个新样本上测得。◀ 标出下方展示的单元。没有门的普通 RNN "
        "无法长时间保存信息：看看它在长程任务上的失败。",
    ),
    "learn.no_accuracy": ("No accuracy table yet (models/accuracy.json is missing).",
                          "还没有准确率表（缺少 models/accuracy.json）。"),
    "learn.behind": ("-{gap:.0f} points against the best", "-{gap:.0f} 个百分点（与最好的相比）"),
    "learn.yours": ("yours: {acc:.0%}", "你训练的：{acc:.0%}"),
    "learn.section": ("Show", "显示"),
    "learn.section.watch": ("Watch the gates", "观察门"),
    "learn.section.train": ("Train now", "现在训练"),
    "learn.section.limits": ("Limited weights", "限制权重"),
    "learn.section.own": ("Your own model", "你自己的模型"),
    "learn.source": ("Weights", "权重"),
    "learn.source.shipped": ("shipped", "内置"),
    "learn.source.trained": ("trained in this session", "本次会话中训练的"),
    "learn.input": ("Input", "输入"),
    "learn.new_example": ("🎲 New example", "🎲 换一个例子"),
    "learn.bad_input": ("This input does not fit the task: {msg}",
                        "此输入不符合任务要求：{msg}"),
    "learn.no_model": (
        "There are no shipped {kind} weights for this task yet. Train one in “Train now”.",
        "此任务还没有内置的 {kind} 权重。请在“现在训练”中训练一个。",
    ),
    "learn.predictions": ("What the model says", "模型的回答"),
    "learn.row.input": ("input", "输入"),
    "learn.row.prediction": ("prediction", "预测"),
    "learn.row.answer": ("right answer", "正确答案"),
    "learn.row.right": ("right?", "对吗？"),
    "learn.per_step_score": ("{right} of {total} scored steps right ({share:.0%}).",
                             "计分的 {total} 步中答对 {right} 步（{share:.0%}）。"),
    "learn.final_prediction": ("Prediction after the last step", "最后一步之后的预测"),
    "learn.answer": ("Right answer", "正确答案"),
    "learn.right": ("Right.", "答对了。"),
    "learn.wrong": ("Wrong.", "答错了。"),
    "learn.negative": ("negative", "负面"),
    "learn.positive": ("positive", "正面"),
    "learn.p_positive": ("P(positive)", "P(正面)"),
    "learn.p_answer": ("probability of its answer", "所给答案的概率"),
    "learn.output_over_time": ("output", "输出"),
    "learn.output_over_time_title": ("The answer as the model reads, step by step",
                                     "模型边读边给出的答案"),
    "learn.step": ("step", "步"),
    "learn.gates": ("Gates of the trained {kind} ({h} units)", "训练后的 {kind} 的门（{h} 个单元）"),
    "learn.gates_help": (
        "Rows are hidden units, columns time steps. Sigmoid gates run from 0 (closed, dark) "
        "to 1 (open, bright); candidates and states from −1 (blue) to 1 (red).",
        "行是隐藏单元，列是时间步。sigmoid 门的取值从 0（关闭，深色）到 1（打开，亮色）；"
        "候选值和状态从 −1（蓝）到 1（红）。",
    ),
    "learn.steps": ("Training steps", "训练步数"),
    "learn.steps_help": ("One step = one batch of 64 fresh random examples.",
                         "一步 = 一批 64 个新的随机样本。"),
    "learn.hidden": ("Hidden size", "隐藏维度"),
    "learn.seed": ("Training seed", "训练种子"),
    "learn.train_now": ("Train a {kind} now", "现在训练一个 {kind}"),
    "learn.train_help": (
        "Trains the chosen cell on the chosen task right here (Adam, fresh data every "
        "step); the default takes well under a minute.",
        "在这里用所选任务训练所选单元（Adam 优化器，每一步都用新数据）；默认设置用时远少于一分钟。",
    ),
    "learn.starting": ("Starting…", "开始……"),
    "learn.progress": ("Step {step} of {total}, loss {loss:.4f}",
                       "第 {step} / {total} 步，损失 {loss:.4f}"),
    "learn.trained": (
        "Your {kind} reached {acc:.1%} held-out accuracy after {steps} steps ({sec:.1f} s).",
        "你的 {kind} 训练 {steps} 步（{sec:.1f} 秒）后在留出数据上达到 {acc:.1%} 的准确率。",
    ),
    "learn.loss": ("loss", "损失"),
    "learn.loss_title": ("Training loss", "训练损失"),
    "learn.training_step": ("training step", "训练步"),
    "learn.training": ("Training", "训练"),
    "learn.unconstrained": ("Unconstrained", "不加限制"),
    "learn.constrained": ("With max-norm limits", "加最大范数限制"),
    "learn.limits_help": (
        "After every training step each gate unit's incoming weights are scaled down to "
        "at most these norms (as Keras max_norm): inputs, recurrent weights, and the pair "
        "of biases. 0 means no limit. Both models train with the same seed and data.",
        "每个训练步之后，每个门单元的输入权重都被缩小到不超过这些范数（与 Keras 的 max_norm "
        "相同）：输入权重、循环权重以及一对偏置。0 表示不限制。两个模型使用相同的种子和数据训练。",
    ),
    "learn.max_input": ("Max norm of input weights", "输入权重的最大范数"),
    "learn.max_recurrent": ("Max norm of recurrent weights", "循环权重的最大范数"),
    "learn.max_bias": ("Max norm of biases", "偏置的最大范数"),
    "learn.max_zero": ("Per gate unit; 0 = no limit.", "按每个门单元计算；0 = 不限制。"),
    "learn.train_both": ("Train {kind} with and without limits", "分别训练有限制和无限制的 {kind}"),
    "learn.limits_none": ("Train both models to compare them side by side.",
                          "训练两个模型，并排比较它们。"),
    "learn.compare": ("Side by side", "并排比较"),
    "learn.heldout": ("Held-out accuracy", "留出数据上的准确率"),
    "learn.norms": ("Largest per-unit norm of each weight group", "各权重组中单元范数的最大值"),
    "learn.norm.weight_ih_l0": ("input weights", "输入权重"),
    "learn.norm.weight_hh_l0": ("recurrent weights", "循环权重"),
    "learn.norm.bias_l0": ("biases", "偏置"),
    "learn.norms_help": ("Limits used: {limits}.", "使用的限制：{limits}。"),
    "learn.none": ("none", "无"),
    "learn.saturation": ("Gate saturation: share of values below 0.1 / above 0.9",
                         "门的饱和程度：低于 0.1 / 高于 0.9 的取值比例"),
    "learn.saturation_help": (
        "On 64 held-out examples. Saturated gates act as switches; limited weights keep "
        "the gates softer.",
        "基于 64 个留出样本。饱和的门像开关一样工作；限制权重会让门更柔和。",
    ),
    "learn.no_gates": ("A plain RNN has no gates to saturate.", "普通 RNN 没有会饱和的门。"),
    "learn.own_help": (
        "Upload a state_dict saved with torch.save(model.state_dict(), 'model.pt') from "
        "torch.nn.RNN, GRU or LSTM (any sizes, layers, bidirectional). Only tensors are "
        "read: files that would run code are refused.",
        "上传用 torch.save(model.state_dict(), 'model.pt') 保存的 torch.nn.RNN、GRU 或 LSTM "
        "的 state_dict（任意维度、层数，可双向）。只读取张量：会执行代码的文件将被拒绝。",
    ),
    "learn.upload": ("Your model (.pt state_dict)", "你的模型（.pt state_dict）"),
    "learn.bad_file": ("{name} could not be used: {msg}", "无法使用 {name}：{msg}"),
    "learn.own_loaded": ("Loaded {name}: {call}", "已载入 {name}：{call}"),
    "learn.own_pattern": ("Input", "输入"),
    "learn.own_pattern.noise": ("seeded noise", "带种子的噪声"),
    "learn.own_pattern.sine": ("sines", "正弦波"),
    "learn.own_pattern.impulses": ("impulses every 7 steps", "每 7 步一个脉冲"),
    "learn.own_nl": ("RNN nonlinearity", "RNN 非线性函数"),
    "learn.own_nl_help": ("Not stored in the weights: choose what your torch.nn.RNN used.",
                          "权重中没有保存这一项：请选择你的 torch.nn.RNN 所用的函数。"),
    "learn.own_length": ("Length", "长度"),
    "learn.own_seed": ("Seed", "种子"),
    "learn.layer": ("Layer {layer}, {direction}", "第 {layer} 层，{direction}"),
    "learn.direction.0": ("forward", "正向"),
    "learn.direction.1": ("backward", "反向"),
    "learn.download_pt": ("Weights for PyTorch (.pt)", "PyTorch 权重（.pt）"),
    "learn.download_pt_help": (
        "A state_dict: {call}.load_state_dict(torch.load('file.pt'))",
        "一个 state_dict：{call}.load_state_dict(torch.load('file.pt'))",
    ),
    "learn.download_json": ("Weights (JSON)", "权重（JSON）"),
    "learn.pt_no_twin": (
        "No .pt export: torch.nn.GRU has no reset-before variant (Cho et al. 2014).",
        "无法导出 .pt：torch.nn.GRU 没有“重置在前”的变体（Cho 等 2014）。",
    ),
}
