"""Strings shared by every page: sidebar, language, presentation mode, errors."""

STRINGS: dict[str, tuple[str, str]] = {
    "app.title": ("Gates lab", "门控实验室"),
    "app.tagline": (
        "Watch the gates of RNN, GRU and LSTM cells move, one time step at a time.",
        "一步一步地观察 RNN、GRU 和 LSTM 单元中各个门的变化。",
    ),
    "common.language": ("Language", "语言"),
    "common.present": ("Presentation mode", "演示模式"),
    "common.present_help": (
        "Hide the controls and enlarge fonts and lines for a projector. Kept in the link.",
        "隐藏控件，放大字体和线条，适合投影仪。此设置保存在链接中。",
    ),
    "common.url_problem": (
        "The link had a parameter the lab could not use: {msg}",
        "链接中有无法使用的参数：{msg}",
    ),
    "common.panel_error": (
        "This panel could not be drawn: {msg}. The rest of the page still works.",
        "此面板无法绘制：{msg}。页面的其余部分仍可使用。",
    ),
    "common.controls": ("Settings", "设置"),
    "common.download_json": ("Settings and weights (JSON)", "设置与权重（JSON）"),
    "common.upload_json": ("Load settings (JSON)", "载入设置（JSON）"),
    "common.bad_file": ("This file could not be used: {msg}", "无法使用此文件：{msg}"),
    "common.wrong_type": (
        "it was not read, as this box accepts only {types} files ({what}).",
        "文件未被读取，因为这里只接受 {types} 文件（{what}）。"),
    "common.json_what": (
        "the settings a cell page saves under Settings → Files → Settings and weights (JSON)",
        "单元页面在“设置 → 文件 → 设置与权重（JSON）”中保存的设置"),
    "common.text_too_long": (
        "The text has {n} characters; the limit is {limit}, so only the first {limit} are "
        "used.",
        "文本有 {n} 个字符；上限是 {limit} 个，因此只使用前 {limit} 个字符。"),
    "common.loaded_file": ("Loaded the settings from {name}.", "已从 {name} 载入设置。"),
    "page.home": ("Home", "首页"),
    "page.gru": ("GRU cell", "GRU 单元"),
    "page.lstm": ("LSTM cell", "LSTM 单元"),
    "page.rnn": ("RNN cell", "RNN 单元"),
    "page.mgu": ("MGU cell", "MGU 单元"),
    "page.compare": ("RNN vs LSTM vs GRU", "RNN、LSTM 与 GRU 对比"),
    "page.gradients": ("Vanishing gradients", "梯度消失"),
    "page.deep": ("Stacked & bidirectional", "多层与双向"),
    "page.learned": ("Learned gates", "训练得到的门"),
    "page.challenges": ("Challenges", "挑战"),
}
