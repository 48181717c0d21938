# logfmt_expout.py CASE: writes CASE/expout for the review/logfmt-* cases from the
# hand table of CASE/WORKING (lines "N user status ms|none feature" after the "line" header).
import sys, json
d = sys.argv[1]
rows = []
take = False
for l in open(d + '/WORKING'):
    if l.startswith('line '):
        take = True
        continue
    if take:
        if not l.strip():
            break
        f = l.split(None, 4)
        rows.append((f[1], int(f[2]), None if f[3] == 'none' else f[3], f[4].strip()))
feats = {}
for u, st, lat, feat in rows:
    e = feats.setdefault(feat, {'events': 0, 'users': set(), 'errors': 0, 'lat': []})
    e['events'] += 1
    if u != '-':
        e['users'].add(u)
    if st >= 500:
        e['errors'] += 1
    if lat is not None:
        e['lat'].append(lat)
out = ['  "inputs": [', '    {', '      "path": "access.log",',
       '      "rows": %d,' % len(rows), '      "rejected": 0', '    }', '  ],',
       '  "features": [']
items = []
for k in sorted(feats):
    e = feats[k]
    assert len(e['lat']) <= 1
    lat = e['lat'][0] if e['lat'] else 'null'
    er = e['errors'] / e['events']
    items.append('\n'.join([
        '    {', '      "feature": %s,' % json.dumps(k),
        '      "events": %d,' % e['events'], '      "users": %d,' % len(e['users']),
        '      "errors": %d,' % e['errors'],
        '      "error_rate": %s,' % ('1' if er == 1 else '0' if er == 0 else repr(er)),
        '      "p50_ms": %s,' % lat, '      "p95_ms": %s' % lat, '    }']))
out.append(',\n'.join(items).replace('    }\n', '    },\n') if False else None)
text = '\n'.join(out[:-1]) + '\n' + ',\n'.join(items) + '\n  ],\n'
open(d + '/expout', 'w').write(text)
