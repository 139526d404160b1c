#!/usr/bin/env python3
"""Recall on real documents: seed template scars into ../shared/real-docs/real
and count how many gwlint reports at their line.

Usage: scripts/seed-real-docs.py [GWLINT_BINARY] [SEED]
(default binary: target/release/gwlint; default seed: 7). Each real document
whose issuing level is known (MANIFEST.tsv) gets one copy per scar kind:
a bracketed Word prompt, a placeholder date, a broken quote, and a wrong
jurisdiction word, inserted after a random sentence end, or replacing a
real self-reference (全县 → 全区). The copies go to a temporary directory.
"""
import csv, json, os, random, re, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REAL = os.path.join(ROOT, '..', 'shared', 'real-docs', 'real')
BIN = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, 'target', 'release', 'gwlint')
random.seed(int(sys.argv[2]) if len(sys.argv) > 2 else 7)

# A sibling level's character for each issuing level (北京 is a 直辖市: 省).
SIBLING = {'县': '区', '区': '县', '市': '州', '省': '区', '镇': '乡', '乡': '镇'}
FORMS = ['全{}', '我{}', '本{}', '{}直']
PROMPTS = ['[此处输入正文内容]', '【单位名称】', '（此处填写起止时间）', '{{姓名}}', '<成员名单>', '[各单位]']
DATES = ['X年X月X日', 'XX年XX月XX日', '20XX年X月X日', '×年×月×日', '202X年']
RULES = {'prompt': ['placeholder'], 'date': ['placeholder'], 'quote': ['quote-pair'],
         'insert': ['mixed-jurisdiction'], 'replace': ['mixed-jurisdiction']}


def insert(text, words):
    """Insert one of `words` after a random sentence end of a long body line."""
    lines = text.split('\n')
    body = [i for i, l in enumerate(lines) if len(l) > 40 and i > 0] or [0]
    i = random.choice(body)
    ends = [k + 1 for k, c in enumerate(lines[i]) if c in '。；'] or [0]
    p = random.choice(ends)
    w = random.choice(words)
    lines[i] = lines[i][:p] + w + lines[i][p:]
    return '\n'.join(lines), i + 1


def cases(name, level, text):
    yield 'prompt', *insert(text, ['请' + w + '于月底前报送。' for w in PROMPTS])
    yield 'date', *insert(text, [w + '召开专题会议。' for w in DATES])
    yield 'quote', *insert(text, ['要坚持“稳中求进工作总基调。'])
    if level not in SIBLING:
        return
    own, wrong = (('市', '省') if 'beijing' in name else (level, SIBLING[level]))
    yield 'insert', *insert(text, [f.format(wrong) + '各级各部门要高度重视。' for f in FORMS])
    occ = [m for f in FORMS for m in re.finditer(re.escape(f.format(own)), text)
           if text[m.end():m.end() + 1] not in '级长']
    if occ:
        m = random.choice(occ)
        at = m.start() + m.group(0).index(own)
        yield 'replace', text[:at] + wrong + text[at + len(own):], text[:at].count('\n') + 1


def main():
    levels = {}
    with open(os.path.join(REAL, 'MANIFEST.tsv'), encoding='utf-8') as f:
        for row in csv.reader(f, delimiter='\t'):
            if row and row[0].endswith('.txt'):
                levels[row[0]] = row[3]
    hit, total = {}, {}
    with tempfile.TemporaryDirectory() as out:
        for name, level in sorted(levels.items()):
            with open(os.path.join(REAL, name), encoding='utf-8') as f:
                text = f.read()
            for kind, seeded, line in cases(name, level, text):
                path = os.path.join(out, f'{name[:-4]}_{kind}.txt')
                with open(path, 'w', encoding='utf-8') as f:
                    f.write(seeded)
                run = subprocess.run([BIN, '--isolated', '--format', 'json', path],
                                     capture_output=True, text=True)
                found = json.loads(run.stdout or '[]')
                ok = any(d['rule'] in RULES[kind] and d['line'] == line for d in found)
                total[kind] = total.get(kind, 0) + 1
                hit[kind] = hit.get(kind, 0) + ok
                if not ok:
                    print('MISS', kind, name, 'line', line)
    for kind in total:
        print(f'{kind:8} {hit[kind]} / {total[kind]}')
    print(f'{"all":8} {sum(hit.values())} / {sum(total.values())}')


if __name__ == '__main__':
    main()
