#!/usr/bin/env python3
"""Helpers of scripts/bench-archive.sh (`make bench`): the archive measured against DCMTK's own
tools on the same Orthanc, on 127.0.0.1. Standard library and pydicom only (the project's .venv).

    bench_archive.py port                                  # a free TCP port on 127.0.0.1
    bench_archive.py orthanc-config FOLDER AET DICOM HTTP [TITLE=PORT ...]   # writes FOLDER/orthanc.json
    bench_archive.py wait-http URL [SECONDS]               # until Orthanc's REST answers
    bench_archive.py small-studies N OUT                   # N one-instance MG studies (8x8), distinct UIDs
    bench_archive.py small-instances N OUT                 # N 64x64 MG instances, N/4 four-view studies
    bench_archive.py upload URL FILE|FOLDER ...            # POST every file to Orthanc /instances (4 connections)
    bench_archive.py lines RUNS N [TEXT] -- CMD ...        # time to line N of CMD's output (stdout and stderr;
                                                           # with TEXT: the N-th line holding TEXT) and to its end
    bench_archive.py listen RUNS FILES LIB CONFIG SHIM -- MAMMOTERM  # pacs listen vs storescp, 1 association each
    bench_archive.py worklist RUNS MAMMOTERM LIB CONFIG TEXT   # launch -> worklist table in a 160x50 pty
    bench_archive.py stats [FACTOR] < hyperfine.json       # min/median/max of each command (x FACTOR)

Timings print as one JSON object per call (seconds); the shell script turns them into lines.
"""
import fcntl
import http.client
import json
import os
import pty
import select
import signal
import socket
import statistics
import struct
import subprocess
import sys
import termios
import threading
import time
import urllib.parse

MG_FOR_PRESENTATION = "1.2.840.10008.5.1.4.1.1.1.2"
EXPLICIT_LE = "1.2.840.10008.1.2.1"
ROOT = "2.25.3141592653589793238"  # every UID made here starts with it


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def orthanc_config(folder, aet, dicom_port, http_port, modalities):
    peers = {}
    for item in modalities:
        title, port = item.split("=")
        peers[title] = [title, "127.0.0.1", int(port)]
    config = {
        "Name": "mammoterm-bench", "StorageDirectory": f"{folder}/storage", "IndexDirectory": f"{folder}/index",
        "DicomAet": aet, "DicomPort": int(dicom_port), "HttpPort": int(http_port),
        "RemoteAccessAllowed": False, "AuthenticationEnabled": False, "SslEnabled": False,
        "DicomCheckCalledAet": True, "DicomAlwaysAllowEcho": True, "DicomAlwaysAllowStore": True,
        "DicomAlwaysAllowFind": True, "DicomAlwaysAllowGet": True, "DicomAlwaysAllowMove": True,
        "DicomModalities": peers, "DicomModalitiesInDatabase": False, "OrthancPeers": {},
        "Plugins": ["/usr/share/orthanc/plugins/libOrthancDicomWeb.so"],
        "DicomWeb": {"Enable": True, "Root": "/dicom-web/", "EnableWado": True, "Ssl": False},
        "DicomAssociationCloseDelay": 0, "SaveJobs": False, "HttpThreadsCount": 8, "DicomThreadsCount": 4,
        "KeepAlive": True, "TcpNoDelay": True, "StorageCompression": False, "MallocArenaMax": 2,
    }
    os.makedirs(f"{folder}/storage", exist_ok=True)
    os.makedirs(f"{folder}/index", exist_ok=True)
    with open(f"{folder}/orthanc.json", "w") as f:
        json.dump(config, f, indent=1)


def wait_http(url, seconds=30.0):
    deadline = time.monotonic() + seconds
    parts = urllib.parse.urlsplit(url)
    while time.monotonic() < deadline:
        try:
            c = http.client.HTTPConnection(parts.hostname, parts.port, timeout=2)
            c.request("GET", parts.path or "/")
            if c.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"{url} did not answer within {seconds} s")


def mg_dataset(rows, columns, study, series, sop, patient, date, side, view, number):
    import numpy as np
    from pydicom.dataset import Dataset, FileMetaDataset
    from pydicom.uid import UID
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = UID(MG_FOR_PRESENTATION)
    meta.MediaStorageSOPInstanceUID = UID(sop)
    meta.TransferSyntaxUID = UID(EXPLICIT_LE)
    ds = Dataset()
    ds.file_meta = meta
    ds.SpecificCharacterSet = "ISO_IR 100"
    ds.SOPClassUID, ds.SOPInstanceUID = MG_FOR_PRESENTATION, sop
    ds.StudyDate, ds.StudyTime, ds.ContentDate, ds.ContentTime = date, "090000", date, "090000"
    ds.Modality, ds.PresentationIntentType = "MG", "FOR PRESENTATION"
    ds.AccessionNumber = f"B{number:07d}"
    ds.StudyDescription, ds.SeriesDescription = "SCREENING", "MAMMOGRAM"
    ds.PatientName, ds.PatientID, ds.PatientBirthDate, ds.PatientSex = f"BENCH^{patient}", patient, "19600101", "F"
    ds.StudyInstanceUID, ds.SeriesInstanceUID = study, series
    ds.StudyID, ds.SeriesNumber, ds.InstanceNumber = "1", 1, number % 4 + 1
    ds.ImageLaterality, ds.ViewPosition, ds.Laterality = side, view, side
    ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
    ds.Rows, ds.Columns = rows, columns
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 12, 11, 0
    ds.PixelSpacing = ["0.07", "0.07"]
    ds.WindowCenter, ds.WindowWidth = "2048", "4096"
    pixels = (np.arange(rows * columns, dtype=np.uint16).reshape(rows, columns) * 7 + number) % 4096
    ds.PixelData = pixels.astype("<u2").tobytes()
    return ds


def small_studies(n, out):
    """n studies of one 8x8 MG instance each; n/2 patients (a study and its prior), dates 2015-2024."""
    os.makedirs(out, exist_ok=True)
    for i in range(n):
        date = f"{2015 + i % 10}{1 + i % 12:02d}{1 + i % 28:02d}"
        ds = mg_dataset(8, 8, f"{ROOT}.1.{i}", f"{ROOT}.2.{i}", f"{ROOT}.3.{i}", f"BENCH10K-{i // 2:05d}", date,
                        "RL"[i % 2], "CC", i)
        ds.save_as(f"{out}/{i:05d}.dcm", enforce_file_format=True)


def small_instances(n, out):
    """n 64x64 MG instances, four views (RCC LCC RMLO LMLO) in each of n/4 studies."""
    os.makedirs(out, exist_ok=True)
    views = [("R", "CC"), ("L", "CC"), ("R", "MLO"), ("L", "MLO")]
    for i in range(n):
        s = i // 4
        side, view = views[i % 4]
        ds = mg_dataset(64, 64, f"{ROOT}.4.{s}", f"{ROOT}.5.{s}", f"{ROOT}.6.{i}", f"BENCH1K-{s:04d}", "20250101", side, view, i)
        ds.save_as(f"{out}/{i:04d}.dcm", enforce_file_format=True)


def upload(url, paths):
    files = []
    for p in paths:
        if os.path.isdir(p):
            files += sorted(os.path.join(p, f) for f in os.listdir(p))
        else:
            files.append(p)
    parts = urllib.parse.urlsplit(url)
    lock, queue, failures = threading.Lock(), list(reversed(files)), []

    def worker():
        c = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
        while True:
            with lock:
                if not queue:
                    return
                path = queue.pop()
            with open(path, "rb") as f:
                body = f.read()
            c.request("POST", "/instances", body=body, headers={"Content-Type": "application/dicom"})
            r = c.getresponse()
            r.read()
            if r.status != 200:
                with lock:
                    failures.append(f"{path}: HTTP {r.status}")
    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failures:
        raise SystemExit("upload failed: " + "; ".join(failures[:5]))
    print(json.dumps({"files": len(files), "seconds": time.perf_counter() - started}))


def spread(values):
    return {"min": min(values), "median": statistics.median(values), "max": max(values), "runs": len(values)}


def lines(runs, n, text, command):
    """Runs `command` `runs` times: seconds from its start to the n-th line of its output (stdout
    and stderr together; with `text`, the n-th line that contains it) and to its exit."""
    to_line, to_end, counts = [], [], []
    needle = text.encode() if text else None
    for _ in range(runs):
        started = time.perf_counter()
        p = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, bufsize=1 << 16)
        seen, at = 0, None
        for line in p.stdout:
            if needle is None or needle in line:
                seen += 1
                if seen == n:
                    at = time.perf_counter() - started
        p.wait()
        to_end.append(time.perf_counter() - started)
        if at is None:
            raise SystemExit(f"{command[0]} printed {seen} matching lines, fewer than {n}")
        to_line.append(at)
        counts.append(seen)
    print(json.dumps({"line": n, "toLine": spread(to_line), "toEnd": spread(to_end), "lines": counts[-1]}))


def wait_port(port, seconds=20.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.02)
    raise SystemExit(f"nothing listens on 127.0.0.1:{port} after {seconds} s")


def listen(runs, files, library_root, config, shim, mammoterm):
    """Alternates (a) `mammoterm pacs listen` into a fresh library and (b) storescp into a fresh
    folder; each time one storescu association sends every file in `files`; the time is storescu's
    whole run (every C-STORE answered). Both receivers and storescu have TCP_NODELAY set."""
    names = sorted(os.listdir(files))
    paths = [os.path.join(files, n) for n in names]
    env = dict(os.environ, LD_PRELOAD=shim, TCP_NODELAY="1")
    results = {"mammoterm": [], "storescp": []}
    for run in range(runs):
        for who in ("mammoterm", "storescp"):
            port = free_port()
            folder = f"{library_root}/{who}-{run}"
            os.makedirs(folder)
            if who == "mammoterm":
                server = [mammoterm, "pacs", "listen", "--port", str(port), "--quiet", "--config", config,
                          "--library", f"{folder}/library.sqlite"]
            else:
                server = ["/usr/bin/storescp", "-aet", "MAMMOTERM", "-od", folder, str(port)]
            log = open(f"{folder}.log", "w")
            p = subprocess.Popen(server, env=env, stdout=log, stderr=subprocess.STDOUT)
            try:
                wait_port(port)
                started = time.perf_counter()
                rc = subprocess.run(["/usr/bin/storescu", "-aet", "BENCH", "-aec", "MAMMOTERM", "127.0.0.1", str(port)] + paths,
                                    env=dict(os.environ, TCP_NODELAY="1"), stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL).returncode
                seconds = time.perf_counter() - started
            finally:
                p.send_signal(signal.SIGINT if who == "mammoterm" else signal.SIGTERM)
                try:
                    p.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait()
                log.close()
            if rc != 0:
                raise SystemExit(f"storescu to {who} exited {rc}; see {folder}.log")
            if who == "mammoterm":
                said = open(f"{folder}.log").read()
                if f"Received {len(paths)} instances, refused 0." not in said:
                    raise SystemExit(f"pacs listen did not take every instance: {said.strip()[-300:]}")
            else:
                got = len([n for n in os.listdir(folder) if not n.startswith(".")])
                if got != len(paths):
                    raise SystemExit(f"storescp wrote {got} files of {len(paths)}")
            results[who].append(seconds)
    ratios = [b / a for a, b in zip(results["mammoterm"], results["storescp"])]  # paired: rate ours / rate storescp
    print(json.dumps({"instances": len(paths), "mammoterm": spread(results["mammoterm"]),
                      "storescp": spread(results["storescp"]), "ratio": spread(ratios)}))


def worklist(runs, mammoterm, library, config, text):
    """Seconds from launching the workstation in a 160x50 pty until `text` (a row of the remote
    worklist) has been written, and until the first screen is complete (1 s of silence after it)."""
    found, settled = [], []
    needle = text.encode()
    for _ in range(runs):
        env = dict(os.environ, TERM="xterm-256color", COLORTERM="truecolor", LANG="C.UTF-8",
                   XDG_CONFIG_HOME="/nonexistent")
        env.pop("TMUX", None)
        started = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:
            fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 160, 1600, 1000))
            os.execve(mammoterm, [mammoterm, "--library", library, "--config", config, "--graphics", "braille"], env)
        seen, at, last = b"", None, None
        try:
            while True:
                ready, _, _ = select.select([fd], [], [], 1.0 if at is not None else 60.0)
                if not ready:
                    break
                try:
                    chunk = os.read(fd, 1 << 20)
                except OSError:
                    break
                if not chunk:
                    break
                last = time.perf_counter() - started
                if at is None:
                    seen += chunk
                    if needle in seen:
                        at = last
        finally:
            os.kill(pid, signal.SIGTERM)
            os.waitpid(pid, 0)
            os.close(fd)
        if at is None:
            raise SystemExit(f"the worklist never showed {text!r}; last screen bytes: {seen[-400:]!r}")
        found.append(at)
        settled.append(last)
    print(json.dumps({"toRow": spread(found), "toQuiet": spread(settled)}))


def stats(factor=1.0):
    data = json.load(sys.stdin)
    out = []
    for r in data["results"]:
        times = r["times"]
        out.append({"command": r["command"], "min": min(times), "median": statistics.median(times), "max": max(times),
                    "runs": len(times)})
    print(json.dumps(out))


def main():
    args = sys.argv[1:]
    what = args[0]
    if what == "port":
        print(free_port())
    elif what == "orthanc-config":
        orthanc_config(args[1], args[2], args[3], args[4], args[5:])
    elif what == "wait-http":
        wait_http(args[1], float(args[2]) if len(args) > 2 else 30.0)
    elif what == "small-studies":
        small_studies(int(args[1]), args[2])
    elif what == "small-instances":
        small_instances(int(args[1]), args[2])
    elif what == "upload":
        upload(args[1], args[2:])
    elif what == "lines":
        dash = args.index("--")
        lines(int(args[1]), int(args[2]), args[3] if dash > 3 else None, args[dash + 1:])
    elif what == "listen":
        dash = args.index("--")
        listen(int(args[1]), args[2], args[3], args[4], args[5], args[dash + 1])
    elif what == "worklist":
        worklist(int(args[1]), args[2], args[3], args[4], args[5])
    elif what == "stats":
        stats()
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
