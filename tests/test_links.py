"""Links made on main before issue 11 open the same settings after it.

The query strings and the expected settings are literals written by the code before the
settings module was split into gates_lab/codec.py and gates_lab/scenario.py; never regenerate them."""

from __future__ import annotations

import json
from urllib.parse import parse_qsl, urlencode

import pytest

from gates_lab import codec
from gates_lab import scenario as S

# (query string made on main with to_query, cache_key of the decoded settings, messages)
SCENARIO_LINKS = [
    ('H=1&w=bias_hh_l0%3A0%3D0%3Bbias_hh_l0%3A1%3D0%3Bbias_hh_l0%3A2%3D0%3Bbias_ih_l0%3A0%3D20%3Bbias_ih_l0%3A1%3D-20%3Bbias_ih_l0%3A2%3D0%3Bweight_hh_l0%3A0%3A0%3D0%3Bweight_hh_l0%3A1%3A0%3D0%3Bweight_hh_l0%3A2%3A0%3D0.8%3Bweight_ih_l0%3A0%3A0%3D0%3Bweight_ih_l0%3A1%3A0%3D0%3Bweight_ih_l0%3A2%3A0%3D1&L=48&ch=sine%2C1.5%2C16%2C0%2C0%2C0&preset=gru-as-rnn',
     '{"cell": {"edits": [["bias_hh_l0:0", 0.0], ["bias_hh_l0:1", 0.0], ["bias_hh_l0:2", 0.0], ["bias_ih_l0:0", 20.0], ["bias_ih_l0:1", -20.0], ["bias_ih_l0:2", 0.0], ["weight_hh_l0:0:0", 0.0], ["weight_hh_l0:1:0", 0.0], ["weight_hh_l0:2:0", 0.8], ["weight_ih_l0:0:0", 0.0], ["weight_ih_l0:1:0", 0.0], ["weight_ih_l0:2:0", 1.0]], "hidden_size": 1, "input_size": 1, "kind": "gru", "nonlinearity": "tanh", "reset_after": true, "scale": [], "seed": 0, "shift": []}, "input": {"channels": [{"amplitude": 1.5, "onset": 0, "pattern": "sine", "period": 16, "phase": 0.0, "seed": 0}], "length": 48, "mode": "pattern", "table": [], "text": "hello world", "text_mode": "chars"}, "preset": "gru-as-rnn", "view": {"display": "auto", "plot": "over_time", "textbook_update": false, "unit": 0}}',
     []),
    ('I=2&H=1&w=bias_hh_l0%3A0%3D0%3Bbias_hh_l0%3A1%3D0%3Bbias_hh_l0%3A2%3D0%3Bbias_ih_l0%3A0%3D0%3Bbias_ih_l0%3A1%3D15%3Bbias_ih_l0%3A2%3D0%3Bweight_hh_l0%3A0%3A0%3D0%3Bweight_hh_l0%3A1%3A0%3D0%3Bweight_hh_l0%3A2%3A0%3D0%3Bweight_ih_l0%3A0%3A0%3D0%3Bweight_ih_l0%3A0%3A1%3D0%3Bweight_ih_l0%3A1%3A0%3D0%3Bweight_ih_l0%3A1%3A1%3D-30%3Bweight_ih_l0%3A2%3A0%3D1%3Bweight_ih_l0%3A2%3A1%3D0&L=64&ch=sine%2C1.5%2C37%2C0%2C0%2C0%7Cimpulses%2C1%2C13%2C4%2C0%2C0&preset=gru-latch',
     '{"cell": {"edits": [["bias_hh_l0:0", 0.0], ["bias_hh_l0:1", 0.0], ["bias_hh_l0:2", 0.0], ["bias_ih_l0:0", 0.0], ["bias_ih_l0:1", 15.0], ["bias_ih_l0:2", 0.0], ["weight_hh_l0:0:0", 0.0], ["weight_hh_l0:1:0", 0.0], ["weight_hh_l0:2:0", 0.0], ["weight_ih_l0:0:0", 0.0], ["weight_ih_l0:0:1", 0.0], ["weight_ih_l0:1:0", 0.0], ["weight_ih_l0:1:1", -30.0], ["weight_ih_l0:2:0", 1.0], ["weight_ih_l0:2:1", 0.0]], "hidden_size": 1, "input_size": 2, "kind": "gru", "nonlinearity": "tanh", "reset_after": true, "scale": [], "seed": 0, "shift": []}, "input": {"channels": [{"amplitude": 1.5, "onset": 0, "pattern": "sine", "period": 37, "phase": 0.0, "seed": 0}, {"amplitude": 1.0, "onset": 4, "pattern": "impulses", "period": 13, "phase": 0.0, "seed": 0}], "length": 64, "mode": "pattern", "table": [], "text": "hello world", "text_mode": "chars"}, "preset": "gru-latch", "view": {"display": "auto", "plot": "over_time", "textbook_update": false, "unit": 0}}',
     []),
    ('cell=lstm&I=2&H=3&ra=0&seed=7&w=weight_hh_l0%3A1%3A2%3D0.125&sc=1.5%2C0.5%2C1%2C2&sh=0%2C-1.25&L=60&ch=step%2C2%2C0%2C10%2C3%2C0.5%7Cnoise%2C-1%2C7%2C0%2C11%2C0&tb=1&disp=heatmap&u=2&plot=scrubber',
     '{"cell": {"edits": [["weight_hh_l0:1:2", 0.125]], "hidden_size": 3, "input_size": 2, "kind": "lstm", "nonlinearity": "tanh", "reset_after": false, "scale": [1.5, 0.5, 1.0, 2.0], "seed": 7, "shift": [0.0, -1.25]}, "input": {"channels": [{"amplitude": 2.0, "onset": 10, "pattern": "step", "period": 0, "phase": 0.5, "seed": 3}, {"amplitude": -1.0, "onset": 0, "pattern": "noise", "period": 7, "phase": 0.0, "seed": 11}], "length": 60, "mode": "pattern", "table": [], "text": "hello world", "text_mode": "chars"}, "preset": "", "view": {"display": "heatmap", "plot": "scrubber", "textbook_update": true, "unit": 2}}',
     []),
    ('cell=rnn&I=2&nl=relu&mode=table&tab=1%2C2.5%3B-3%2C0',
     '{"cell": {"edits": [], "hidden_size": 2, "input_size": 2, "kind": "rnn", "nonlinearity": "relu", "reset_after": true, "scale": [], "seed": 0, "shift": []}, "input": {"channels": [{"amplitude": 1.0, "onset": 5, "pattern": "sine", "period": 20, "phase": 0.0, "seed": 0}], "length": 40, "mode": "table", "table": [[1.0, 2.5], [-3.0, 0.0]], "text": "hello world", "text_mode": "chars"}, "preset": "", "view": {"display": "auto", "plot": "over_time", "textbook_update": false, "unit": 0}}',
     []),
    ('mode=text&L=12&txt=h%C3%A9llo+w%C3%B6rld+%26+co&tm=words',
     '{"cell": {"edits": [], "hidden_size": 2, "input_size": 1, "kind": "gru", "nonlinearity": "tanh", "reset_after": true, "scale": [], "seed": 0, "shift": []}, "input": {"channels": [{"amplitude": 1.0, "onset": 5, "pattern": "sine", "period": 20, "phase": 0.0, "seed": 0}], "length": 12, "mode": "text", "table": [], "text": "h\\u00e9llo w\\u00f6rld & co", "text_mode": "words"}, "preset": "", "view": {"display": "auto", "plot": "over_time", "textbook_update": false, "unit": 0}}',
     []),
    ('cell=rnn&H=2&w=weight_hh_l0%3A5%3A0%3D1&u=99&disp=nope',
     '{"cell": {"edits": [], "hidden_size": 2, "input_size": 1, "kind": "rnn", "nonlinearity": "tanh", "reset_after": true, "scale": [], "seed": 0, "shift": []}, "input": {"channels": [{"amplitude": 1.0, "onset": 5, "pattern": "sine", "period": 20, "phase": 0.0, "seed": 0}], "length": 40, "mode": "pattern", "table": [], "text": "hello world", "text_mode": "chars"}, "preset": "", "view": {"display": "auto", "plot": "over_time", "textbook_update": false, "unit": 0}}',
     ["some weight edits do not fit this cell's sizes; they were dropped", "'disp=nope' must be one of auto, lines, heatmap; kept the default", "'u=99' must be from 0 to 15; kept the default"]),
]

# (page module, settings class, query string made on main, cache_key of the settings the
# page decodes from it: on top of the page's defaults, as gates_lab/ui.py's Bound does)
PAGE_LINKS = [
    ("gates_lab.pages.challenges", "ChallengeSettings", 'challenge=lstm-count&cell=lstm&I=1&w=bias_ih_l0%3A0%3D2.5',
     '{"cell": {"edits": [["bias_ih_l0:0", 2.5]], "hidden_size": 1, "input_size": 1, "kind": "lstm", "nonlinearity": "tanh", "reset_after": true, "scale": [], "seed": 0, "shift": []}, "challenge": "lstm-count"}'),
    ("gates_lab.pages.compare", "CompareSettings", 'H=4&rid=1&fb=-2.5',
     '{"gru_update": 0.0, "hidden_size": 4, "impulse": 1.0, "length": 50, "lstm_forget": -2.5, "noise": 0.5, "rnn_identity": true, "rnn_scale": 1.0, "seed": 0, "threshold": 1.0}'),
    ("gates_lab.pages.learned", "LearnedSettings", 'kind=lstm&view=own&txt=abc&onl=relu',
     '{"bias_max_norm": 1.0, "hidden_size": 32, "input_max_norm": 1.0, "kind": "lstm", "own_length": 30, "own_nl": "relu", "own_pattern": "noise", "own_seed": 0, "recurrent_max_norm": 1.0, "section": "own", "seed": 0, "source": "shipped", "steps": 300, "task": "delayed_recall", "text": "abc"}'),
    ("gates_lab.pages.deep", "DeepSettings", 'cell=lstm&nl=3&bi=1',
     '{"batch": 3, "batch_first": false, "bidirectional": true, "hidden_size": 20, "input_size": 10, "kind": "lstm", "length": 5, "num_layers": 3, "seed": 0}'),
    ("gates_lab.pages.gradients", "GradSettings", 'loss=dot&sc=1.25&cell=gru',
     '{"forget_bias": 0.0, "hidden_size": 16, "kind": "gru", "length": 100, "loss": "dot", "loss_step": 99, "noise": 1.0, "nonlinearity": "tanh", "scale": 1.25, "seed": 0}'),
]


# Fields added after the links above were made, with the value an old link means (their
# default): the literals stay as written, the new fields are compared on top of them.
ADDED_SINCE = {"cell": {"variant": "standard"}}  # issue 18: the LSTM's and GRU's variants
# top-level fields of a page's settings added since (issue 18: a variant beside the three
# cells, a constant drive)
PAGE_ADDED_SINCE = {"gates_lab.pages.compare": {"extra": "", "drive": 0.0},
                    "gates_lab.pages.gradients": {"extra": ""}}


def with_added(key: str, module: str = "") -> dict:
    """The settings an old link's literal key stands for, with the fields added since."""
    settings = {**json.loads(key), **PAGE_ADDED_SINCE.get(module, {})}
    for section, fields in ADDED_SINCE.items():
        if isinstance(settings.get(section), dict):
            settings[section] = {**settings[section], **fields}
    return settings


@pytest.mark.parametrize(("query", "key", "messages"), SCENARIO_LINKS)
def test_old_cell_page_link_opens_the_same_scenario(query: str, key: str,
                                                    messages: list[str]) -> None:
    scenario, errors = codec.from_query(S.Scenario, dict(parse_qsl(query)))
    assert json.loads(codec.cache_key(scenario)) == with_added(key)
    assert errors == messages
    if not messages:  # and the link made now is the same text
        assert urlencode(codec.to_query(scenario)) == query


@pytest.mark.parametrize(("module", "cls", "query", "key"), PAGE_LINKS)
def test_old_page_link_opens_the_same_settings(module: str, cls: str, query: str,
                                               key: str) -> None:
    import importlib

    settings_cls = getattr(importlib.import_module(module), cls)
    default = settings_cls()
    settings, errors = codec.from_query(settings_cls, dict(parse_qsl(query)), default)
    assert (json.loads(codec.cache_key(settings)), errors) == (with_added(key, module), [])
    assert urlencode(codec.to_query(settings, base=default)) == query

