"""Strings of what leaves the app: notebook plots (lab/plots.py) and the offline lesson
file (lab/lesson_file.py)."""

STRINGS: dict[str, tuple[str, str]] = {
    # notebook plots
    "nb.grad_title": ("Gradient norms through time (log scale)", "梯度范数随时间的变化（对数坐标）"),
    "nb.layer": ("layer {layer}", "第 {layer} 层"),
    "nb.direction.0": ("forward", "正向"),
    "nb.direction.1": ("reverse", "反向"),
}
