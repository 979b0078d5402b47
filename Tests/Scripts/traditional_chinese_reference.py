"""Reference for the Simplified → Traditional (Taiwan) conversion of GPTScope's Chinese text.

Writes Tests/VisualizationsTests/Fixtures/traditional_reference.json: every Chinese string
literal of Sources/ (without escapes), converted by OpenCC's `s2twp` (pip install opencc). The
glossary's terms are protected from OpenCC and written in their glossary form, since OpenCC's
Taiwan table turns 参数 "parameters" into 引數 "arguments"; a few words where GPTScope departs
from s2twp on purpose are protected the same way (DELIBERATE). TraditionalChineseTests checks
the Swift converter against every entry.

With --characters it also prints the one-character table of
Sources/Visualizations/Language/TraditionalChinese+Characters.swift (`s2tw`, U+3400–U+9FFF).

Run from the package root: python3 Tests/Scripts/traditional_chinese_reference.py
"""
import glob
import json
import re
import sys

import opencc

# Words where GPTScope keeps the general (mathematical) sense rather than s2twp's computing one.
DELIBERATE = {
    "函数": "函數",      # sine and cosine functions, not programming 函式
    "连接": "連接",      # residual connections, not network 連線
    "视图": "視圖",      # head view
    "十六进制": "十六進位",
    "激活": "激活",      # activations of a network, not enabling a feature (啟用)
    "扩展": "擴展",      # how an architecture scales, not a software extension (擴充套件)
    "指针": "指針",      # a clock's hands, not a pointer (指標)
    "局部": "局部",      # locally banded attention, not 區域性
    "带宽": "帶寬",      # the width of a band mask, not network bandwidth (頻寬)
    "复制": "複製",      # s2twp leaves 複制 in 被复制的
    "合并": "合併",      # s2twp reads 合并重复 as 合 + 並重
}


def glossary():
    text = open("Sources/Visualizations/Language/Glossary.swift", encoding="utf-8").read()
    return re.findall(r'GlossaryTerm\("[^"]*", zh: "([^"]*)", zhHant: "([^"]*)"', text)


def reference(text, protected, converter):
    marks = {}
    for k, (simplified, traditional) in enumerate(sorted(protected, key=lambda p: -len(p[0]))):
        mark = chr(0xE100 + k)
        if simplified in text:
            text = text.replace(simplified, mark)
            marks[mark] = traditional
    text = converter.convert(text)
    for mark, traditional in marks.items():
        text = text.replace(mark, traditional)
    return text


def main():
    if "--characters" in sys.argv:
        c = opencc.OpenCC("s2tw")
        pairs = [chr(cp) + c.convert(chr(cp)) for cp in range(0x3400, 0xA000)
                 if c.convert(chr(cp)) != chr(cp) and len(c.convert(chr(cp))) == 1]
        print("".join(pairs))
        return
    converter = opencc.OpenCC("s2twp")
    protected = glossary() + list(DELIBERATE.items())
    cjk = re.compile(r"[\u3400-\u9fff]")
    literals = set()
    for path in glob.glob("Sources/**/*.swift", recursive=True):
        if "Language/TraditionalChinese" in path or path.endswith("Glossary.swift"):
            continue
        for m in re.finditer(r'"((?:[^"\\\n]|\\.)*)"', open(path, encoding="utf-8").read()):
            s = m.group(1)
            if cjk.search(s) and "\\" not in s:
                literals.add(s)
    pairs = [{"zh": s, "zhHant": reference(s, protected, converter)} for s in sorted(literals)]
    with open("Tests/VisualizationsTests/Fixtures/traditional_reference.json", "w", encoding="utf-8") as f:
        json.dump(pairs, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"{len(pairs)} texts")


if __name__ == "__main__":
    main()
