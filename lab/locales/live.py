"""Strings of the live gates (lab/live/): the controls beside the gates chart."""

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
}
