"""Chinese for the details inside error messages (bad links, tables, files).

The settings codec (gates_lab/codec.py) and the engine's file readers (gates/model_io.py)
explain problems in English, because engineers call them from notebooks too. A page in
Chinese shows those details through :func:`detail`: each known phrase is rewritten by
one pattern below; names, numbers and anything unknown stay as they are, so a message is
never lost, only left partly in English.
"""

from __future__ import annotations

import re
from functools import cache

# (English pattern, Chinese replacement): applied in order, every match in the message.
PHRASES: tuple[tuple[str, str], ...] = (
    (r"unknown entry '([^']*)' ignored", r"未知条目“\1”已忽略"),
    (r"is not a setting of this page; ignored", "不是本页的设置；已忽略"),
    (r"must be from ([^\s;,]+) to ([^\s;,]+)", r"应在 \1 到 \2 之间"),
    (r"must be a finite number within ±([^\s;]+)", r"应为 ±\1 以内的有限数"),
    (r"must be a finite number", "应为有限数"),
    (r"must be a whole number", "应为整数"),
    (r"must be a number", "应为数字"),
    (r"must be 0 or 1", "应为 0 或 1"),
    (r"must be one of ([^;]+)", r"应为以下之一：\1"),
    (r"is longer than (\d+) characters", r"超过 \1 个字符"),
    (r"needs 1 to (\d+) channels", r"需要 1 到 \1 个通道"),
    (r"has (\d+) rows; at most (\d+)", r"有 \1 行；最多 \2 行"),
    (r"row (\d+) has a value that is not a number", r"第 \1 行有一个值不是数字"),
    (r"row (\d+) needs finite numbers within ±([^\s;]+)", r"第 \1 行需要 ±\2 以内的有限数"),
    (r"all rows need the same number of values", "每一行的数值个数必须相同"),
    (r"the values table is empty: add at least one row", "数值表为空：请至少添加一行"),
    (r"the table has no rows", "表格没有任何行"),
    (r"the values table needs (\d+) column\(s\) per row, got rows of ([^\s;]+) values",
     r"数值表每行需要 \1 列，实际每行有 \2 个值"),
    (r"needs entries like ([^\s;]+)", r"需要形如 \1 的条目"),
    (r"'([^']*)' is not a weight element like ([^\s;]+)", r"“\1”不是形如 \2 的权重元素"),
    (r"'([^']*)' needs a number, got (.+)", r"“\1”需要一个数字，实际为 \2"),
    (r"'([^']*)' must be finite numbers within ±([^\s;]+)", r"“\1”应为 ±\2 以内的有限数"),
    (r"needs numbers separated by commas", "需要用逗号分隔的数字"),
    (r"needs at most (\d+) finite numbers within ±([^\s;]+)", r"最多需要 \1 个 ±\2 以内的有限数"),
    (r"this is not a JSON file \((.*)\)", r"这不是 JSON 文件（\1）"),
    (r'expected a JSON object with a "settings" entry, as the lab saves it',
     "应为包含“settings”条目的 JSON 对象（实验室保存的格式）"),
    (r'"weights" should map weight names to nested lists', "“weights”应将权重名称映射到嵌套列表"),
    (r"weights: missing '([^']*)' \(expected shape (\([^)]*\))\)",
     r"权重：缺少“\1”（应为形状 \2）"),
    (r"weights: '([^']*)' should have shape (\([^)]*\)), got (\([^)]*\))",
     r"权重：“\1”的形状应为 \2，实际为 \3"),
    (r"weights: unexpected key '([^']*)'; expected (.+)", r"权重：意外的键“\1”；应为 \2"),
    (r"([^\s;]+) should be an object, got (\w+)", r"\1 应为对象，实际为 \2"),
    (r"the file is empty", "文件为空"),
    (r"the file is ([^\s;]+) MB; at most ([^\s;]+) MB is accepted", r"文件大小为 \1 MB；最多接受 \2 MB"),
    # gates/model_io.py: uploads that are refused, and what was expected instead
    (r"refused: this file contains code, not only tensors", "已拒绝：此文件包含代码，而不只是张量"),
    (r"; it is a whole pickled (\w+) model \(torch\.save\(model\)\), and loading one runs "
     r"code\. Save only the weights:",
     r"：这是整个序列化的 \1 模型（torch.save(model)），加载它会运行代码。请只保存权重："),
    (r"; loading it would call (\S+?)\. Save only the weights:",
     r"：加载它会调用 \1。请只保存权重："),
    (r"not a torch file: ", "不是 torch 文件："),
    (r"a zip archive without torch's data\.pkl inside", "不含 torch 的 data.pkl 的 zip 压缩包"),
    (r"a plain Python pickle \(pickle\.dump\), which the lab does not load",
     "普通的 Python pickle（pickle.dump），本实验室不加载这种文件"),
    (r"a NumPy \.npy array", "NumPy .npy 数组"),
    (r"a text file beginning “([^”]*)”", r"以“\1”开头的文本文件"),
    (r"neither a zip archive nor a pickle", "既不是 zip 压缩包，也不是 pickle"),
    (r"the torch file is cut off or damaged \(its zip archive has no end\)",
     "torch 文件不完整或已损坏（zip 压缩包缺少结尾）"),
    (r"the torch file is damaged: it could not be read \(cut off, or changed after "
     r"torch\.save\)", "torch 文件已损坏，无法读取（不完整，或在 torch.save 之后被改动）"),
    (r"the file could not be used \((\w+)\)", r"无法使用此文件（\1）"),
    (r"; expected a file written by torch\.save\(model\.state_dict\(\), path\)",
     "；应为由 torch.save(model.state_dict(), path) 写出的文件"),
    (r"the file holds (.+?), not a state_dict: expected a dict of weight tensors like "
     r"(\{.*\}), written by torch\.save\(model\.state_dict\(\), path\)",
     r"文件中是\1，而不是 state_dict：应为形如 \2 的权重张量字典，由 "
     r"torch.save(model.state_dict(), path) 写出"),
    (r"文件中是a (list|tuple) of (\d+) items", r"文件中是包含 \2 项的 \1"),
    (r"文件中是a single tensor of shape (\([^)]*\))", r"文件中是形状为 \1 的单个张量"),
    (r"文件中是an empty dict", "文件中是空 dict"),
    (r"文件中是an? (\w+)", r"文件中是一个 \1"),
    (r"unsupported module: no torch\.nn\.RNN / GRU / LSTM weights \(weight_ih_l0, "
     r"weight_hh_l0, \.\.\., possibly behind a prefix\) found",
     "不支持的模块：没有找到 torch.nn.RNN / GRU / LSTM 的权重（weight_ih_l0、weight_hh_l0 等，"
     "可带前缀）"),
    (r" \(this looks like a Linear, Conv or other non-recurrent module\)",
     "（看起来是 Linear、Conv 或其他非循环模块）"),
    (r"; the keys are: ", "；其中的键为："),
    (r"contains (\d+) non-finite value\(s\) \(NaN or infinity\)", r"含有 \1 个非有限值（NaN 或无穷大）"),
    (r"the input has (\d+) steps; at most (\d+)", r"输入有 \1 步；最多 \2 步"),
    (r"a live control sent (\w+), expected an id and a value",
     r"实时控件发送了 \1，应为控件名和数值"),
    (r"no control '([^']*)' on this cell", r"此单元没有控件“\1”"),
    (r"(\S+) needs a finite number, got (.+?); nothing changed", r"\1 需要有限数，实际为 \2；未作更改"),
    (r"; nothing changed", "；未作更改"),
    (r", not ([^\s;]+); set to ([^\s;]+)", r"，而不是 \1；已设为 \2"),
    (r"; kept the default", "；已保留默认值"),  # last: the patterns above stop at ";"
)


@cache
def _compiled() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(pattern), zh) for pattern, zh in PHRASES)


def detail(message: str, lang: str) -> str:
    """``message`` (an English detail from the codec or a file reader) in ``lang``."""
    if lang != "zh":
        return message
    for pattern, zh in _compiled():
        message = pattern.sub(zh, message)
    return message
