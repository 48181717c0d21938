#!/usr/bin/env python3
# check.py LANG FORMAT FILE: the message of every problem in FILE (a report
# in md or txt) against data.tsv -- the hand-written Chinese sentence (zh)
# or the finding's own message (en) -- and, in zh, no run of three or more
# English words in the sentence of a check that has a template (the
# subject and names in quotes aside).  Exits 1 with the differences.
# (../say-zh/check.py, reading data.tsv's seven columns.)
import re
import sys

lang, fmt, path = sys.argv[1:4]
want = {}
for line in open('data.tsv', encoding='utf-8'):
    if line.startswith('#'):
        continue
    tool, sev, check, subject, data, msg, zh = line.rstrip('\n').split('\t')
    want[(check, subject)] = (msg, zh)
# no Chinese template, data no template fits (the case's fallbacks)
UNKNOWN = {('custom_check', 'x1'), ('error_rate', 'odd.feature')}
ENGLISH = re.compile(r"[A-Za-z][A-Za-z'-]*(?:[ ,;:()]+[A-Za-z][A-Za-z'-]*){2,}")


def md_cells(text):
    got, on = {}, False
    for line in text.split('\n'):
        if line.startswith('## '):
            on = line[3:] in ('未解决问题', 'Open problems')
            continue
        if not on or not line.startswith('| ') or line.startswith('|---'):
            continue
        c = [re.sub(r'\\(.)', r'\1', x).replace('&lt;', '<').replace('&gt;', '>')
             .replace('&amp;', '&') for x in line[2:-2].split(' | ')]
        if c[1] in ('检查项', 'Check'):
            continue
        got[(c[1], c[2])] = c[3]
    return got


def txt_cells(text):
    got, key, msg = {}, None, []
    for line in text.split('\n'):
        m = re.match(r'^  (\S+) +(\S+)  (.+?)(?:\s+\[[^]]*\])?$', line)
        if line.startswith(' ' * 12) and key:
            body = line[12:]
            if body.startswith(('负责人:', 'Owner:')):
                got[key] = ' '.join(msg)
                key, msg = None, []
            else:
                msg.append(body)
        elif m and not line.startswith('   '):
            key, msg = (m.group(2), m.group(3).rstrip()), []
    return got


def squash(s):
    return re.sub(r'\s+', '', s) if fmt == 'txt' else s


text = open(path, encoding='utf-8').read()
got = md_cells(text) if fmt == 'md' else txt_cells(text)
bad = 0
for key, (msg, zh) in want.items():
    exp = zh if lang == 'zh' else msg
    if key not in got:
        print(f'{path}: no problem {key}')
        bad += 1
        continue
    if squash(got[key]) != squash(exp):
        print(f'{path}: {key}:\n  got  {got[key]}\n  want {exp}')
        bad += 1
    if lang == 'zh' and key not in UNKNOWN:
        s = got[key]
        for part in [key[1]] + key[1].split(' / '):
            s = s.replace(part, ' ')
        s = re.sub(r'“[^”]*”', ' ', s)
        m = ENGLISH.search(s)
        if m:
            print(f'{path}: {key}: English words left: {m.group(0)!r}')
            bad += 1
if len(got) != len(want):
    print(f'{path}: {len(got)} problems, {len(want)} findings')
    bad += 1
print(f'{path}: {len(want)} sentences checked, {bad} wrong')
sys.exit(1 if bad else 0)
