"""Strings of what leaves the app: notebook plots (gates_lab/plots.py) and the offline lesson
file (gates_lab/lesson_file.py)."""

STRINGS: dict[str, tuple[str, str]] = {
    # notebook plots
    "nb.grad_title": ("Gradient norms through time (log scale)", "梯度范数随时间的变化（对数坐标）"),
    "nb.layer": ("layer {layer}", "第 {layer} 层"),
    "nb.direction.0": ("forward", "正向"),
    "nb.direction.1": ("reverse", "反向"),
    # the offline lesson file
    "lesson.download": ("Lesson file (HTML, offline)", "课程文件（HTML，离线可用）"),
    "lesson.download_help": (
        "One HTML file of this scenario: the gates over time, the scrubber with Play and the "
        "step slider, the equations, the explanation and these settings. It opens from a USB "
        "stick or a learning platform with no server and no internet (about 5 MB: the chart "
        "library is inside).",
        "把当前场景存成一个 HTML 文件：门随时间的变化、带播放按钮和步进滑块的逐步播放、公式、"
        "说明和这些设置。无需服务器、无需联网，可从 U 盘或学习平台直接打开（约 5 MB，图表库已包含在内）。",
    ),
    "lesson.title": ("{page} · offline lesson", "{page} · 离线课程"),
    "lesson.offline": (
        "Made with the gates lab; this file needs no server and no internet.",
        "由门控实验室生成；本文件无需服务器，也无需联网。",
    ),
    "lesson.open": ("Open this scenario in the lab", "在实验室中打开这个场景"),
    "lesson.link_local": (
        "This link leads to a lab on the computer that made the file (localhost): it opens "
        "only there.",
        "这个链接指向生成本文件的那台电脑上的实验室（localhost），只能在那台电脑上打开。",
    ),
    "lesson.link_local_teacher": (
        "The lesson file's link back will be {url}, which opens only on this computer. For a "
        "link that works at home, open the lab by its public address, or start it with "
        "GATES_LAB_URL set to that address.",
        "课程文件中的返回链接将是 {url}，只能在这台电脑上打开。若要让学生在家也能打开，请用实验室"
        "的公开地址访问它，或在启动时把 GATES_LAB_URL 设为该地址。",
    ),
    "lesson.answer": ("Show the answer", "显示答案"),
    "lesson.live_title": ("Try it: the key weights", "动手试试：关键权重"),
    "lesson.live_note": (
        "Drag a slider beside the chart (or use the arrow keys): the gates follow, computed "
        "by the lab for every value of the slider when this file was made. One slider at a "
        "time: moving another puts the last one back to the scenario's value.",
        "拖动图表旁的滑块（或使用方向键）：各个门随之变化，这些结果是生成本文件时由实验室对滑块的"
        "每个取值预先计算好的。一次只动一个滑块：移动另一个时，上一个会回到场景的原始值。",
    ),
    "lesson.live_none": (
        "This scenario is too large for sliders in the file; open it in the lab to change "
        "its weights.",
        "这个场景太大，文件中无法放入滑块；请在实验室中打开它来修改权重。",
    ),
    "lesson.about": ("What this shows", "这里展示什么"),
    "lesson.settings": ("Settings", "设置"),
    "lesson.cell": ("Cell", "单元"),
    "lesson.edits": ("Hand-set weights", "手动设置的权重"),
    "lesson.knobs": ("Per-gate scale and shift", "各门的缩放与偏移"),
    "lesson.on": ("on", "开"),
    "lesson.off": ("off", "关"),
    "lesson.weights": ("Weights (as the engine runs them)", "权重（引擎实际使用的值）"),
    "lesson.weights_in_json": (
        "The weights are in the settings file below.",
        "权重在下面的设置文件中。",
    ),
    "lesson.json": (
        "Settings file (JSON): save it as a .json file and load it in the lab's Files tab",
        "设置文件（JSON）：另存为 .json 文件，可在实验室的“文件”标签页中载入",
    ),
    "lesson.strided": (
        "A long sequence: the scrubber shows {n} evenly spaced steps of {total}.",
        "序列较长：逐步播放显示 {total} 步中均匀选取的 {n} 步。",
    ),
    "lesson.too_big": (
        "This scenario would make a {mb} MB lesson file, above the limit of {limit} MB; "
        "make the sequence shorter or the hidden size smaller.",
        "这个场景会生成 {mb} MB 的课程文件，超过 {limit} MB 的上限；请缩短序列或减小隐藏层大小。",
    ),
}
