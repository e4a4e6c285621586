"""Strings of the live gates (gates_lab/live/): the controls beside the gates chart."""

STRINGS: dict[str, tuple[str, str]] = {
    "live.title": (
        "Drag a weight: the gates follow. Per gate: scale its weights, shift its biases.",
        "拖动权重，门随之变化。每个门：缩放其权重，平移其偏置。",
    ),
    "live.failed": (
        "The live chart could not load (Plotly.js is served by the app at /app/static). "
        "The chart below and the sliders in Settings → Weights still work.",
        "实时图表无法加载（Plotly.js 由本应用在 /app/static 提供）。"
        "下方的图表和“设置 → 权重”中的滑块仍可使用。",
    ),
    "live.problem": ("A live control sent a value the lab cannot take: {msg}.",
                     "实时控件发送了无法接受的值：{msg}。"),
    "live.beyond": (
        "Computing the frames this far from the last value…",
        "正在计算离上一个值这么远的帧…",
    ),
    "live.scale": ("× scale", "× 缩放"),
    "live.shift": ("+ shift", "+ 偏移"),
    "live.point_problem": ("The input point could not be set as sent: {msg}.",
                           "无法按发送的值设置输入点：{msg}。"),
    # presentation mode: one line on a 1280x720 projector, so the chart starts on screen
    "live.input_help_short": (
        "Edit the input on the chart: drag a point, click a pulse, Shift-drag to draw.",
        "在图上编辑输入：拖动一个点，点击添加或删除脉冲，按住 Shift 拖动来画。",
    ),
    "live.input_help": (
        "Edit the input on the chart: drag a point up or down, click to set it (on a 0/1 "
        "channel a click adds or removes a pulse), Shift-drag to draw; or Tab to it and "
        "use the arrow keys.",
        "在图上编辑输入：上下拖动一个点，点击设置它（0/1 通道上点击添加或删除一个脉冲），"
        "按住 Shift 拖动可绘制；也可用 Tab 键选中后用方向键。",
    ),
    "live.input_text": (
        "Typed text: each step is its token's fixed embedding, so the points are not "
        "edited on the chart; change the text in Settings → Input sequence.",
        "输入的文本：每一步是其词元的固定嵌入，因此不能在图上编辑这些点；"
        "请在“设置 → 输入序列”中修改文本。",
    ),
    "live.point_name": ("x{c} at t={t}", "x{c}，t={t}"),
    "live.waiting": ("Computing the gates for this point…", "正在计算这个点的门…"),
}
