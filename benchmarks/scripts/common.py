"""Helpers shared by the report scripts (report.py, report_hdf5.py)."""
import csv
import os
import platform
import re


def load_rows(run):
    with open(os.path.join(run, "results.tsv"), encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def cpu_model():
    with open("/proc/cpuinfo", encoding="utf-8") as f:
        for line in f:
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def cpu_flags():
    with open("/proc/cpuinfo", encoding="utf-8") as f:
        for line in f:
            if line.startswith("flags"):
                flags = set(line.split(":", 1)[1].split())
                return [x for x in ("avx2", "avx512f", "sha_ni") if x in flags]
    return []


def mem_total_gib():
    with open("/proc/meminfo", encoding="utf-8") as f:
        for line in f:
            if line.startswith("MemTotal"):
                return int(line.split()[1]) / 1024 / 1024
    return 0.0


def read_text(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except OSError:
        return ""


def milvusdm_pipeline_seconds(prefix):
    """The pipeline's own elapsed time (after start-up and plugin loading), from the tool's 'done' line."""
    # The 'in m:ss.f' part has 1/10 s resolution; rows / (rows per second) is finer.
    text = read_text(prefix + ".out") + "\n" + read_text(prefix + ".err")
    match = re.search(r"done:.*?([\d,]+) rows read.*?\(([\d,]+) rows/s", text) or re.search(r"done: ([\d,]+)/[\d,]+ rows.*?([\d,]+) rows/s", text)
    if not match:
        return None
    rows, rate = (int(g.replace(",", "")) for g in match.groups())
    return rows / rate if rate else None


def profile_top(path, group_unnamed=True):
    """[(percent, label)] from `perf report --stdio --no-children` text, biggest first. Unnamed addresses in one
    library (stripped code, or JIT code without a map) are summed into one line per library."""
    totals = {}
    for line in read_text(path).splitlines():
        match = re.match(r"\s*([\d.]+)%\s+(.*)$", line)
        if not match:
            continue
        pct, rest = float(match.group(1)), match.group(2).strip()
        rest = re.sub(r"\[JIT\] tid \d+", "JIT-compiled code", rest)
        parts = re.split(r"\s{2,}", rest)
        if group_unnamed and len(parts) >= 2:
            dso, sym = parts[0], " ".join(parts[1:])
            sym = re.sub(r"^\[[.k]\]\s*", "", sym)
            if sym.startswith("0x"):
                label = f"`{dso}` (unnamed addresses, summed)"
            else:
                method = re.search(r"([\w.`<>,]+::[\w.`<>]+)", sym)  # JIT frames: keep Type::Method
                label = f"`{dso}`: `{(method.group(1) if method else sym.strip())[:110]}`"
        else:
            label = " ".join(f"`{p}`" for p in parts)
        totals[label] = totals.get(label, 0.0) + pct
    return sorted(((pct, label) for label, pct in totals.items()), reverse=True)


def fmt_int(value):
    return f"{value:,.0f}"


def write_part(doc, begin_marker, end_marker, text):
    """Puts text between its markers at the end of doc, dropping the previous copy; the rest of doc is kept."""
    previous = read_text(doc)
    begin, end = previous.find(begin_marker), previous.find(end_marker)
    if begin >= 0 and end > begin:
        previous = previous[:begin] + previous[end + len(end_marker):].lstrip("\n")
    block = begin_marker + "\n\n" + text + "\n" + end_marker + "\n"
    os.makedirs(os.path.dirname(os.path.abspath(doc)), exist_ok=True)
    with open(doc, "w", encoding="utf-8") as f:
        f.write(previous.rstrip("\n") + "\n\n" + block)
