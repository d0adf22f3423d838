#!/usr/bin/env python3
"""Turn one benchmarks/results/<time>/ directory into the Markdown tables of BENCHMARKS.md.

    python3 benchmarks/summarize.py benchmarks/results/<time>
"""
import glob
import json
import os
import re
import statistics
import sys

d = sys.argv[1]


def kv(line):
    return dict(re.findall(r'(\S+?)=(\S+)', line))


def num(v):
    return float(re.sub(r'[^0-9.+\-eE]', '', v.split('[')[0]))


print('### End to end over HTTP (LoadDriver): ours and ChatClient against raw, same round\n')
print('Median over rounds, `[min..max]` across rounds. Ratios: side / raw. Differences: side - raw.\n')
print('| mode | C | pair | throughput | p50 latency | p99 latency | TTFT p50 diff | client CPU/call diff | CPU/delta diff | alloc/call diff |')
print('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |')
absolute = []
for f in sorted(glob.glob(os.path.join(d, 'load-*-c*.txt')), key=lambda p: (('stream' in p), int(re.search(r'-c(\d+)', p).group(1)))):
    c = re.search(r'-c(\d+)', f).group(1) + (' pinned' if 'pinned' in f else '')
    runs = {}
    for line in open(f):
        if line.startswith('SUMMARY'):
            s = kv(line)
            pair = line.split()[2]
            stream = s['mode'] == 'stream'
            print('| %s | %s | %s | %s | %s | %s | %s | %s µs | %s | %+.0f B%s |' % (
                s['mode'], c, pair, s['throughput_ratio'], s['p50_ratio'], s['p99_ratio'],
                (s['ttft_p50_diff_ms'] + ' ms') if stream else '-', s['cpu_per_call_diff_us'],
                (s['cpu_per_delta_diff_us'] + ' µs') if stream else '-',
                num(s['alloc_per_call_diff_B']), (' (%+.0f B/delta)' % (num(s['alloc_per_call_diff_B']) / 100)) if stream else ''))
        elif line.startswith('round='):
            r = kv(line)
            runs.setdefault((r['mode'], r['impl']), []).append(r)
    for (mode, impl), rs in sorted(runs.items()):
        med = lambda k: statistics.median(num(r[k]) for r in rs)
        absolute.append((mode, c, impl, med('calls/s'), med('p50'), med('p99'),
                         med('ttft_p50') if mode == 'stream' else None, med('cpu/call'),
                         med('cpu/delta') if mode == 'stream' else None, med('stubcpu/call'), med('alloc/call'),
                         sum(int(r['errors']) for r in rs), statistics.median(num(r['loadavg']) for r in rs if r.get('loadavg', '?') != '?') if any(r.get('loadavg', '?') != '?' for r in rs) else float('nan')))

print('\nAbsolute numbers, for reading only (median over rounds):\n')
print('| mode | C | side | req/s | p50 ms | p99 ms | TTFT p50 ms | client CPU/req µs | CPU/delta µs | stub CPU/req µs | alloc/req | errors | load avg |')
print('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |')
for mode, c, impl, cps, p50, p99, ttft, cpu, cpud, stub, alloc, err, load in absolute:
    print('| %s | %s | %s | %.0f | %.3f | %.3f | %s | %.0f | %s | %.0f | %.1f KB | %d | %.1f |' % (
        mode, c, impl, cps, p50, p99, ('%.3f' % ttft) if ttft is not None else '-', cpu,
        ('%.2f' % cpud) if cpud is not None else '-', stub, alloc / 1024, err, load))


def jmh(path):
    out = {}
    if not os.path.exists(path):
        return out
    for b in json.load(open(path)):
        name = b['benchmark'].rsplit('.', 1)[1]
        pm = b['primaryMetric']
        alloc = b.get('secondaryMetrics', {}).get('gc.alloc.rate.norm', {}).get('score')
        out[name] = (pm['score'], pm['scoreError'], pm['scoreUnit'], alloc)
    return out


def table(title, what, raw='raw'):
    print('\n### %s\n' % title)
    print('| %s | ours | %s | ours - raw | ours B/op | raw B/op | B/op diff |' % (what, raw))
    print('| --- | --- | --- | --- | --- | --- | --- |')


def row(label, m, ours, raw, per=''):
    if ours not in m or raw not in m:
        return
    o, r = m[ours], m[raw]
    print('| %s | %.1f ± %.1f | %.1f ± %.1f | %+.1f %s | %.0f | %.0f | %+.0f |' % (
        label, o[0], o[1], r[0], r[1], o[0] - r[0], o[2].replace("/op", per).replace("us", "µs"), o[3] or 0, r[3] or 0, (o[3] or 0) - (r[3] or 0)))


def workloads(m, call_unit, stream, stream_label, stream_unit):
    # The benchmarks of WorkloadBenchmark (calls) and its subclass's streams (named ours<stream>, ...).
    row('call (%s)' % call_unit, m, 'oursCall', 'rawCall')
    row(stream_label, m, 'ours' + stream, 'raw' + stream)
    row('ChatClient call vs raw (%s)' % call_unit, m, 'chatClientCall', 'rawCall')
    row('ChatClient stream vs raw (%s)' % stream_unit, m, 'chatClient' + stream, 'raw' + stream)


m = jmh(os.path.join(d, 'jmh-inmemory.json'))
table('The adapter alone, no network (JMH, in-memory SDK clients; `-prof gc`)', 'operation')
workloads(m, 'ns/call', 'StreamPerDelta', 'stream (ns/delta, 100 deltas per stream)', 'ns/delta')
table('The core\'s mappers alone (JMH `MappingBenchmark`)', 'step', 'raw equivalent')
row('prompt → ConverseRequest (merge + copy + map) (ns)', m, 'oursPromptToRequest', 'rawTextToRequest')
row('ConverseResponse → ChatResponse (ns)', m, 'oursResponseToChatResponse', 'rawResponseToText')
row('one stream event → one ChatResponse (ns/event)', m, 'oursStreamEventToChatResponse', 'rawStreamEventToText')
row('  sketch of the proposed fix (ns/event)', m, 'sketchSharedMetadataStreamEvent', 'rawStreamEventToText')

m = jmh(os.path.join(d, 'jmh-e2e.json'))
table('One HTTP request per op (JMH `EndToEndBenchmark`, stub in its own JVM)', 'operation')
workloads(m, 'µs/call', 'Stream', 'stream of 100 deltas (µs/stream)', 'µs/stream')

st = os.path.join(d, 'startup.txt')
if os.path.exists(st):
    for line in open(st):
        if line.startswith('SUMMARY'):
            s = kv(line)
            print('\n### Start-up (fresh JVM per start, %s pairs)\n' % s['pairs'])
            print('| with our auto-configuration (median) | without (median) | added, paired median [min..max] |')
            print('| --- | --- | --- |')
            print('| %s ms | %s ms | %s ms |' % (s['with_run_ms'], s['without_run_ms'], s['added_run_ms']))
