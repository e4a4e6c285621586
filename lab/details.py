"""Chinese for the details inside error messages (bad links, tables, files).

The settings codec (lab/codec.py) and the engine's file readers (gates/model_io.py)
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
    (r"the file could not be read as a torch file \(corrupt, truncated or not made by "
     r"torch\.save\)", "无法作为 torch 文件读取（文件损坏、不完整，或不是由 torch.save 生成）"),
    (r"refused: the file holds a Python object \(([^)]*)\) besides tensors; loading it could "
     r"run code\. Save only the weights:",
     r"已拒绝：文件中除张量外还包含 Python 对象（\1），加载它可能执行代码。请只保存权重："),
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
