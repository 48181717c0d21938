#!/usr/bin/env python3
# gen.py: inspect.json, slo.json and raci.json from data.tsv (run once;
# the envelopes are kept in the case): each row a finding with its data
# and its replaced message; value and threshold null (report_say does not
# read them).
import json
docs = {}
for line in open('data.tsv', encoding='utf-8'):
    if line.startswith('#'):
        continue
    tool, sev, check, subject, data, msg, zh = line.rstrip('\n').split('\t')
    doc = docs.setdefault(tool, {
        'tool': tool, 'version': '0.1.0', 'generated': '2026-11-01T00:00:00Z',
        'period': {'start': '2026-10-01T00:00:00Z', 'end': '2026-11-01T00:00:00Z'},
        'inputs': [], 'findings': []})
    doc['findings'].append({'severity': sev, 'check': check, 'subject': subject,
                            'value': None, 'threshold': None, 'message': msg,
                            'data': json.loads(data)})
for tool, name in (('inspect', 'inspect.json'), ('sla-check', 'slo.json'), ('raci', 'raci.json')):
    with open(name, 'w', encoding='utf-8') as f:
        json.dump(docs[tool], f, ensure_ascii=False, indent=1)
        f.write('\n')
