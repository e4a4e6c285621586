"""Guidance ("what to notice" and questions) of the lesson steps of Compare and Vanishing
gradients, the Stacked & bidirectional page, the learned models and the challenges; the
presets' and the frame's are in gates_lab/locales/guidance.py, which explains the keys.
"""

STRINGS: dict[str, tuple[str, str]] = {
    # ------------------------------------------------------------------ compare
    "guide.compare.step1.n1": (
        "Under 'How long is x_0 remembered?': the plain RNN forgets x_0 after 10 steps, "
        "the GRU after 42, and the LSTM still remembers it at the last of the 50 steps.",
        "在“x_0 能被记住多久？”下：普通 RNN 在 10 步后忘掉 x_0，GRU 在 "
        "42 步后，而 LSTM 到 50 步的最后一步仍记得它。",
    ),
    "guide.compare.step1.n2": (
        "On the chart 'Influence of x_0 on h_t' (log axis) the RNN's curve falls from "
        "0.57 at step 0 to 0.0043 at step 10: more than 100 times smaller in 10 steps.",
        "在“x_0 对 h_t 的影响”图（对数坐标）上，RNN 的曲线从第 0 步的 "
        "0.57 降到第 10 步的 0.0043：10 步之内缩小了 100 多倍。",
    ),
    "guide.compare.step1.n3": (
        "In 'Gates and states side by side' the LSTM's forget gate and the GRU's update "
        "gate average 0.876 and 0.882 over all units and steps: each step keeps most of "
        "the state.",
        "在“门与状态并排对比”中，LSTM 的遗忘门和 GRU 的更新门在所有单元和时间步上的平"
        "均值分别为 0.876 和 0.882：每一步都保留大部分状态。",
    ),
    "guide.compare.step1.q1": (
        "The RNN's number is 10 steps in both steps of the lesson. Why does it not "
        "change?",
        "在这节课的两个步骤里，RNN 的记忆时长都是 10 步。为什么不变？",
    ),
    "guide.compare.step1.a1": (
        "The lesson moves only gate biases (the LSTM's forget gate, the GRU's update "
        "gate). The plain RNN has no gate, so its weights are the same in both steps.",
        "这节课只改变门的偏置（LSTM 的遗忘门、GRU 的更新门）。普通 RNN 没有门，所以"
        "两个步骤里它的权重完全相同。",
    ),
    "guide.compare.step1.q2": (
        "Why does a forget bias of +2 keep x_0 so much longer?",
        "为什么遗忘门偏置 +2 能让 x_0 保持得久得多？",
    ),
    "guide.compare.step1.a2": (
        "f near 0.88 keeps 88% of the cell each step, against about half at random "
        "initialisation; over 40 steps that is 0.88⁴⁰ ≈ 0.006 against 0.5⁴⁰ ≈ 10⁻¹².",
        "f 约为 0.88 时每一步保留 88% 的细胞状态，而随机初始化时只保留约一半；40 "
        "步下来就是 0.88⁴⁰ ≈ 0.006 对 0.5⁴⁰ ≈ 10⁻¹²。",
    ),
    "guide.compare.step2.n1": (
        "Under 'How long is x_0 remembered?' the three are now close: the RNN keeps x_0 "
        "for 10 steps, the LSTM for 9 and the GRU for 8.",
        "“x_0 能被记住多久？”下的三个数现在很接近：RNN 保持 x_0 10 步，"
        "LSTM 9 步，GRU 8 步。",
    ),
    "guide.compare.step2.n2": (
        "In 'Gates and states side by side' the forget and update gates now average "
        "0.502 and 0.511: each step keeps only about half of the state.",
        "在“门与状态并排对比”中，遗忘门和更新门的平均值现在是 0.502 和 0.511：每一"
        "步只保留约一半的状态。",
    ),
    "guide.compare.step2.n3": (
        "On the chart 'Influence of x_0 on h_t' the three curves fall together: at step "
        "5 the LSTM's is 0.0066, the GRU's 0.0090 and the RNN's 0.029.",
        "在“x_0 对 h_t 的影响”图上三条曲线一起下降：第 5 步时 LSTM 为 "
        "0.0066，GRU 为 0.0090，RNN 为 0.029。",
    ),
    "guide.compare.step2.q1": (
        "So are gated cells no better than a plain RNN?",
        "那么带门的单元并不比普通 RNN 好吗？",
    ),
    "guide.compare.step2.a1": (
        "Not at initialisation. The gates can hold, but only with the right biases; "
        "training (or step 1's bias) moves f and z towards 1 when a task needs memory.",
        "在初始化时确实不比它好。门能够保持信息，但需要合适的偏置；当任务需要记忆时，训练（或第 "
        "1 步那样的偏置）会把 f 和 z 推向 1。",
    ),
    "guide.compare.step2.q2": (
        "Which knob would you move first to get the memory back?",
        "要找回记忆，你会先调哪个旋钮？",
    ),
    "guide.compare.step2.a2": (
        "The LSTM's forget-gate bias or the GRU's update-gate bias: +2 moves the gate "
        "from about 0.5 to about 0.9, which is step 1.",
        "LSTM 的遗忘门偏置或 GRU 的更新门偏置：+2 把门从约 0.5 推到约 0.9，"
        "也就是第 1 步。",
    ),
    # ------------------------------------------------------------------ gradients
    "guide.gradients.step1.n1": (
        "Per-step decay factors: at each step back the LSTM's gradient keeps 0.948 of "
        "itself, the plain RNN's only 0.570 and the GRU's 0.638.",
        "每步衰减因子：每往回走一步，LSTM 的梯度保留自身的 0.948，普通 RNN 只保留"
        " 0.570，GRU 保留 0.638。",
    ),
    "guide.gradients.step1.n2": (
        "On the ‖∂L/∂h_t‖ chart at t = 0 the LSTM's gradient is still 0.0213 and the "
        "RNN's 2.5e-24: about 22 orders of magnitude smaller.",
        "在 ‖∂L/∂h_t‖ 图上，t = 0 处 LSTM 的梯度仍有 0.0213，而 "
        "RNN 的是 2.5e-24：小了约 22 个数量级。",
    ),
    "guide.gradients.step1.n3": (
        "The ratio ‖∂L/∂h_0‖ / ‖∂L/∂h_T‖ = 6.36e-25 is the RNN's gradient at t = 0 over "
        "its gradient at the loss step, t = 99: 24 orders of magnitude lost on the way "
        "back.",
        "比值 ‖∂L/∂h_0‖ / ‖∂L/∂h_T‖ = 6.36e-25 是 RNN 在 "
        "t = 0 的梯度除以损失所在的 t = 99 处的梯度：往回传的路上丢掉了 24 个数"
        "量级。",
    ),
    "guide.gradients.step1.q1": (
        "Why does the LSTM's gradient survive?",
        "为什么 LSTM 的梯度能保留下来？",
    ),
    "guide.gradients.step1.a1": (
        "Back along the cell state the gradient is multiplied only by the forget gate, "
        "near 0.95 here, with no W_hh and no tanh' in between. 0.95⁹⁹ ≈ 0.006: small, "
        "but nothing like 10⁻²⁴.",
        "沿细胞状态往回传时，梯度只乘以遗忘门（这里约为 0.95），中间没有 W_hh，也没有 "
        "tanh'。0.95⁹⁹ ≈ 0.006：虽小，但远不是 10⁻²⁴ 那样。",
    ),
    "guide.gradients.step1.q2": (
        "What does the RNN's factor 0.570 mean for an input 20 steps before the loss?",
        "对于损失之前 20 步的输入，RNN 的因子 0.570 意味着什么？",
    ),
    "guide.gradients.step1.a2": (
        "0.57²⁰ ≈ 10⁻⁵: that input gets about a hundred-thousandth of the gradient, too "
        "little to learn from.",
        "0.57²⁰ ≈ 10⁻⁵：那个输入只得到约十万分之一的梯度，少得学不到东西。",
    ),
    "guide.gradients.step2.n1": (
        "The LSTM's decay factor is now 0.624, as low as the RNN's 0.570 and the GRU's "
        "0.638.",
        "LSTM 的衰减因子现在是 0.624，和 RNN 的 0.570、GRU 的 "
        "0.638 一样低。",
    ),
    "guide.gradients.step2.n2": (
        "At t = 0 the LSTM's gradient is 2.0e-20: 20 orders of magnitude below the 4.0 "
        "it starts from at the loss step, t = 99.",
        "在 t = 0，LSTM 的梯度是 2.0e-20：比它在损失所在的 t = 99 处的"
        "起点 4.0 小了 20 个数量级。",
    ),
    "guide.gradients.step2.n3": (
        "In 'The LSTM's gradient highway' the forget-gate product is 0.505 one step back "
        "(t = 98) and 3.7e-13 by t = 50.",
        "在“LSTM 的梯度高速公路”图中，遗忘门的乘积往回一步（t = 98）就是 0.505"
        "，到 t = 50 已是 3.7e-13。",
    ),
    "guide.gradients.step2.q1": (
        "The gates are the same kind as in step 1. What changed?",
        "门的种类与第 1 步相同。改变的是什么？",
    ),
    "guide.gradients.step2.a1": (
        "Only the forget-gate bias: 0 instead of +3. With f near 0.5 the cell path "
        "halves the gradient at every step, so the highway closes.",
        "只有遗忘门偏置：0 而不是 +3。f 约为 0.5 时，细胞状态这条路每一步都把梯度减半"
        "，高速公路就关闭了。",
    ),
    "guide.gradients.step2.q2": (
        "How can training ever reach the highway from here?",
        "从这里出发，训练怎样才能走上高速公路？",
    ),
    "guide.gradients.step2.a2": (
        "Gradients from nearby steps still flow, and a task that needs memory rewards a "
        "larger forget bias; that is why Keras starts every LSTM's forget bias at +1.",
        "来自相近时间步的梯度仍能传过来，而需要记忆的任务会奖励更大的遗忘门偏置；这也是 "
        "Keras 把每个 LSTM 的遗忘门偏置初始化为 +1 的原因。",
    ),
    # ------------------------------------------------------------------ stacked & bidirectional
    "guide.deep.n1": (
        "In the textbook example nn.GRU(10, 20, 2) with input (5, 3, 10), output.size() "
        "is [5, 3, 20]: one h for each of the 5 steps and 3 sequences, from the top "
        "layer only.",
        "在教材示例 nn.GRU(10, 20, 2)、输入 (5, 3, 10) 中，"
        "output.size() 是 [5, 3, 20]：5 个时间步、3 个序列各一个 h"
        "，只来自最上面一层。",
    ),
    "guide.deep.n2": (
        "hn.size() is [2, 3, 20]: the last state of each of the 2 layers; hn[1] equals "
        "output[4], the top layer at the last step.",
        "hn.size() 是 [2, 3, 20]：2 层各自的最后状态；hn[1] 等于 "
        "output[4]，即最上层在最后一个时间步的输出。",
    ),
    "guide.deep.n3": (
        "The bidirectional example gives output [5, 3, 40] (both directions side by "
        "side) and hn [4, 3, 20] (2 layers × 2 directions).",
        "双向示例得到 output [5, 3, 40]（两个方向并排拼接）和 hn [4, "
        "3, 20]（2 层 × 2 个方向）。",
    ),
    "guide.deep.q1": (
        "In the bidirectional network, is hn[-1] the last row of output?",
        "在双向网络中，hn[-1] 是 output 的最后一行吗？",
    ),
    "guide.deep.a1": (
        "No. hn[-1] is the top layer's backward direction, which ends at the first step: "
        "it equals output[0, :, 20:], the right half of the first row.",
        "不是。hn[-1] 是最上层的反向方向，它在第一个时间步结束：它等于 "
        "output[0, :, 20:]，也就是第一行的右半部分。",
    ),
    "guide.deep.q2": ("What does the second layer read as its input?", "第二层的输入是什么？"),
    "guide.deep.a2": (
        "The first layer's output at every step: 20 numbers per step, or 40 when "
        "bidirectional (both directions concatenated), whatever the network's input "
        "size.",
        "第一层在每个时间步的输出：每步 20 个数，双向时为 40 个（两个方向拼接），与网络的"
        "输入维度无关。",
    ),
    # ------------------------------------------------------------------ learned models
    "guide.learned.delayed_recall.n1": (
        "Held-out accuracy: GRU and LSTM 100%, the plain RNN 27%, hardly better than "
        "guessing one of the 4 digits (25%).",
        "留出数据上的准确率：GRU 和 LSTM 为 100%，普通 RNN 为 27%，几乎不"
        "比从 4 个数字里瞎猜（25%）强。",
    ),
    "guide.learned.delayed_recall.n2": (
        "Pick LSTM: on the example the marked digit is at step 16. The line 'probability "
        "of its answer' rises from 0.87 to 0.97 there and stays at 1.00 to the end.",
        "选 LSTM：示例中被标记的数字在第 16 步。“所给答案的概率”曲线在那里从 "
        "0.87 升到 0.97，之后一直保持 1.00 到最后。",
    ),
    "guide.learned.delayed_recall.n3": (
        "Pick RNN: the probability of its answer stays between 0.25 and 0.28 at every "
        "step: it never knows the answer.",
        "选 RNN：它所给答案的概率每一步都在 0.25 到 0.28 之间：它从来不知道答案。",
    ),
    "guide.learned.delayed_recall.q1": (
        "Why is 25% the accuracy of pure guessing?",
        "为什么纯粹瞎猜的准确率是 25%？",
    ),
    "guide.learned.delayed_recall.a1": (
        "There are 4 possible digits, each equally likely: a guess is right 1 time in 4.",
        "可能的数字有 4 个，每个出现的机会相同：瞎猜 4 次中对 1 次。",
    ),
    "guide.learned.delayed_recall.q2": (
        "What must the gates do after the marked step?",
        "在被标记的那一步之后，门需要做什么？",
    ),
    "guide.learned.delayed_recall.a2": (
        "Close the door behind the digit: keep the state (GRU update gate or LSTM forget "
        "gate near 1) and let no later digit in.",
        "把数字关在门后：保持状态（GRU 的更新门或 LSTM 的遗忘门接近 1），不让之后的数"
        "字进来。",
    ),
    "guide.learned.adding.n1": (
        "Held-out accuracy: GRU 96%, LSTM 83%, the plain RNN only 7%.",
        "留出数据上的准确率：GRU 为 96%，LSTM 为 83%，普通 RNN 只有 7%。",
    ),
    "guide.learned.adding.n2": (
        "On the example the marked values are 0.82 (step 10) and 0.39 (step 44), so the "
        "answer is 1.21; the GRU's output ends at 1.23, within 0.04: right.",
        "示例中被标记的数值是 0.82（第 10 步）和 0.39（第 44 步），所以答案是 "
        "1.21；GRU 的输出最终为 1.23，误差在 0.04 以内：正确。",
    ),
    "guide.learned.adding.n3": (
        "Pick RNN: its output ends at 1.02, and it changed by less than 0.1 at both "
        "marked steps: it never picked up the marked values.",
        "选 RNN：它的输出最终为 1.02，在两个被标记的时间步都变化不到 0.1：它根本没有"
        "捕捉到被标记的数值。",
    ),
    "guide.learned.adding.q1": ("Why is the task hard for a plain RNN?", "为什么这个任务对普通 RNN 很难？"),
    "guide.learned.adding.a1": (
        "It must hold the first marked value across dozens of noisy steps. Its state is "
        "rewritten at every step, and the gradient that should teach it to hold vanishes "
        "on the way back.",
        "它必须把第一个被标记的数值保持几十个有噪声的时间步。它的状态每一步都被改写，而本应教会它"
        "保持的梯度在往回传时消失了。",
    ),
    "guide.learned.brackets.n1": (
        "Held-out accuracy: LSTM 99%, GRU 97%, the plain RNN 34%.",
        "留出数据上的准确率：LSTM 为 99%，GRU 为 97%，普通 RNN 为 34%。",
    ),
    "guide.learned.brackets.n2": (
        "On the example the depth reaches 10 at step 32; the GRU and the LSTM get all 64 "
        "depths right.",
        "示例中嵌套深度在第 32 步达到 10；GRU 和 LSTM 把全部 64 个深度都答对"
        "了。",
    ),
    "guide.learned.brackets.n3": (
        "Pick RNN: its depths are right until step 16, first go wrong at step 17, and 35 "
        "of the 64 are wrong.",
        "选 RNN：它的深度到第 16 步都正确，第 17 步开始出错，64 个中错了 35 个"
        "。",
    ),
    "guide.learned.brackets.q1": (
        "Which part of an LSTM is the natural place for the depth?",
        "LSTM 的哪个部分最适合存放深度？",
    ),
    "guide.learned.brackets.a1": (
        "The cell state: the input gate adds +1 or −1 at a bracket, and a forget gate "
        "near 1 keeps the count through the letters in between, as in the LSTM counter "
        "preset.",
        "细胞状态：遇到括号时输入门加 +1 或 −1，接近 1 的遗忘门在中间的字母间一直保留计"
        "数，就像“LSTM 细胞状态为脉冲计数”预设那样。",
    ),
    "guide.learned.sentiment.n1": (
        "Held-out accuracy: all three cells 100%. The reviews are short (12 words), so "
        "even the plain RNN remembers enough.",
        "留出数据上的准确率：三种单元都是 100%。评论很短（12 个词），所以连普通 RNN "
        "也记得住。",
    ),
    "guide.learned.sentiment.n2": (
        "On the example the GRU's P(positive) stays above 0.9 from 'not' up to the last "
        "word, 'good', where it falls to 0.01: the verdict comes only with the opinion "
        "word.",
        "示例中 GRU 的 P(正面) 从“不”开始一直高于 0.9，直到最后一个词“好”才降到"
        " 0.01：结论要等评价词出现才确定。",
    ),
    "guide.learned.sentiment.q1": (
        "Which word decides the verdict, and what must the network remember when it "
        "arrives?",
        "哪个词决定结论？它出现时网络必须记住什么？",
    ),
    "guide.learned.sentiment.a1": (
        "The last opinion word, 'good'. The network must remember that a 'not' came "
        "before it, to flip positive into negative.",
        "最后一个评价词“好”。网络必须记住它前面出现过“不”，才能把正面翻转为负面。",
    ),
    # ------------------------------------------------------------------ challenges
    "guide.challenge.gru-latch.n1": (
        "With the start weights the update gate is a flat line at 0.5: h moves half-way "
        "to the candidate at every step and follows the sine instead of holding.",
        "使用初始权重时，更新门是一条停在 0.5 的水平线：h 每一步都朝候选状态走一半，跟着正"
        "弦波走，而不是保持。",
    ),
    "guide.challenge.gru-latch.n2": (
        "The writes are at t = 4, 17, 30, 43 and 56; only 35% of the checked steps are "
        "within 0.1 of the value to hold.",
        "写入发生在 t = 4、17、30、43 和 56；被检查的时间步中只有 35% 与应保"
        "持的数值相差在 0.1 以内。",
    ),
    "guide.challenge.gru-latch.q1": (
        "Which gate value do you need between writes, and which at a write?",
        "两次写入之间需要怎样的门值？写入时又需要怎样的门值？",
    ),
    "guide.challenge.gru-latch.a1": (
        "z = 1 between writes (keep) and z = 0 at a write (take the candidate): a large "
        "positive bias on z, and a larger negative weight from the write channel x[1].",
        "两次写入之间 z = 1（保持），写入时 z = 0（采用候选状态）：给 z 一个很大的"
        "正偏置，再从写入通道 x[1] 给一个更大的负权重。",
    ),
    "guide.challenge.lstm-count.n1": (
        "With the start weights the forget gate is a flat line at 0.5: after each "
        "impulse the cell halves every step (0.557 at t = 3, 0.278 at t = 4).",
        "使用初始权重时，遗忘门是一条停在 0.5 的水平线：每个脉冲之后细胞状态每一步减半（t "
        "= 3 时 0.557，t = 4 时 0.278）。",
    ),
    "guide.challenge.lstm-count.n2": (
        "The input has 7 impulses, so the cell should end at 7; with the start weights "
        "it ends at 0.035.",
        "输入有 7 个脉冲，所以细胞状态最后应为 7；使用初始权重时它最后只有 0.035。",
    ),
    "guide.challenge.lstm-count.q1": (
        "Which three gate values make c' = f c + i g add exactly 1 at an impulse?",
        "哪三个门值能让 c' = f c + i g 在脉冲时恰好加 1？",
    ),
    "guide.challenge.lstm-count.a1": (
        "f = 1 (keep the count), i = 1 only at an impulse, and g = 1 at an impulse: then "
        "c' = c + 1 at an impulse and c' = c otherwise.",
        "f = 1（保留计数），i 只在脉冲时为 1，g 在脉冲时为 1：于是脉冲时 c' = "
        "c + 1，其余时候 c' = c。",
    ),
    "guide.challenge.gru-as-rnn.n1": (
        "With the start weights both gates are flat lines at 0.5, so h only goes "
        "half-way to the candidate: its peak is 0.889 where the RNN twin reaches 0.979.",
        "使用初始权重时两个门都是停在 0.5 的水平线，所以 h 只朝候选状态走一半：它的峰值是"
        " 0.889，而对应的 RNN 达到 0.979。",
    ),
    "guide.challenge.gru-as-rnn.n2": (
        "The check compares h with the RNN twin at every step: the largest gap is 0.485, "
        "and it must be below 0.01.",
        "检查在每一步比较 h 与对应的 RNN：最大差距是 0.485，而它必须小于 0.01。",
    ),
    "guide.challenge.gru-as-rnn.q1": (
        "Which values must r and z take, and why?",
        "r 和 z 必须取什么值？为什么？",
    ),
    "guide.challenge.gru-as-rnn.a1": (
        "z = 0, so that h' = n, and r = 1, so that n = tanh(W_in x + W_hn h). Pin them "
        "with large biases (−20 on z, +20 on r).",
        "z = 0，使 h' = n；r = 1，使 n = tanh(W_in x + "
        "W_hn h)。用很大的偏置把它们固定住（z 用 −20，r 用 +20）。",
    ),
    "guide.challenge.gru-wipe.n1": (
        "With the start weights the stairs already work: h is 0.847 just before the cue "
        "at t = 17, and flat between pulses.",
        "使用初始权重时台阶已经正常：提示信号 t = 17 之前 h 为 0.847，脉冲之间保"
        "持水平。",
    ),
    "guide.challenge.gru-wipe.n2": (
        "But at the cue h only falls to 0.689, and 0.706 at the second cue (t = 37): the "
        "reset gate stays at 1 and lets the old state into the candidate.",
        "但在提示信号处 h 只降到 0.689，第二次提示（t = 37）时为 0.706：重置"
        "门一直是 1，让旧状态进入了候选状态。",
    ),
    "guide.challenge.gru-wipe.q1": (
        "Which single weight makes the cue wipe the memory?",
        "哪一个权重能让提示信号清空记忆？",
    ),
    "guide.challenge.gru-wipe.a1": (
        "A large negative weight from x[1] to the reset gate (about −30): r = 0 at the "
        "cue, the candidate becomes tanh(0) = 0, and the open update gate copies it into "
        "h.",
        "从 x[1] 到重置门的一个很大的负权重（约 −30）：提示时 r = 0，候选状态变成"
        " tanh(0) = 0，打开的更新门再把它复制到 h 中。",
    ),
    "guide.challenge.rnn-explode-tame.n1": (
        "With the start weights h grows every step: unit 0 passes 1000 at t = 21 and "
        "ends at about 700000 (t = 39).",
        "使用初始权重时 h 每一步都在增长：单元 0 在 t = 21 超过 1000，最后（"
        "t = 39）约为 700000。",
    ),
    "guide.challenge.rnn-explode-tame.n2": (
        "The check needs h below 10 with your weights, and above 1000 with W_hh doubled: "
        "the start weights pass only the second part.",
        "检查要求：用你的权重时 h 小于 10，把 W_hh 加倍后 h 大于 1000；初始权"
        "重只通过第二部分。",
    ),
    "guide.challenge.rnn-explode-tame.q1": (
        "How much does W_hh stretch the state per step, and what range do you need?",
        "W_hh 每一步把状态拉长多少？你需要的范围是什么？",
    ),
    "guide.challenge.rnn-explode-tame.a1": (
        "Its largest eigenvalue is the stretch: about 1.4 for the start weights. You "
        "need it between 0.5 and 1, so that doubling takes it above 1 (the solution's is "
        "0.76).",
        "拉伸倍数就是它最大的特征值：初始权重约为 1.4。你需要它在 0.5 与 1 之间，这样"
        "加倍后才会超过 1（答案中约为 0.76）。",
    ),
    "guide.challenge.lstm-hold-50.n1": (
        "With the start weights the write works: at t = 3 the cell stores 0.696, exactly "
        "tanh(x[0]).",
        "使用初始权重时写入没有问题：在 t = 3，细胞存下 0.696，正好是 "
        "tanh(x[0])。",
    ),
    "guide.challenge.lstm-hold-50.n2": (
        "But after the write the forget gate is only 0.881, so the cell leaks: 0.286 by "
        "t = 10 and 0.004 by t = 44.",
        "但写入之后遗忘门只有 0.881，细胞状态不断流失：t = 10 时为 0.286，t "
        "= 44 时只剩 0.004。",
    ),
    "guide.challenge.lstm-hold-50.q1": (
        "How close to 1 must the forget gate be to keep 95% for 50 steps?",
        "遗忘门要多接近 1，才能在 50 步内保留 95%？",
    ),
    "guide.challenge.lstm-hold-50.a1": (
        "f⁵⁰ ≥ 0.95 needs f ≥ 0.999, a forget bias of about +7 or more; the solution "
        "uses +20 and keeps the cell unchanged.",
        "f⁵⁰ ≥ 0.95 要求 f ≥ 0.999，即遗忘门偏置约 +7 或更大；答案用的是"
        " +20，细胞状态完全不变。",
    ),
}
