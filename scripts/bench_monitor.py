"""`make bench`'s monitor benchmark (scripts/bench-monitor.sh): writes N analysed exams into a
mammoterm library (patients, studies, AI results and their ai_input rows, as `analyze` leaves
them) and the same exams as CSV; then, as the peer, does the monitor's aggregation with pandas
on that CSV: per site and ISO week, n, the AI-positive rate, the score's PSI (Evidently's
binning: Sturges equal-width bins over the combined range), KS statistic and p-value (scipy
ks_2samp) and Wasserstein distance (scipy) against the reference scores, and the KS of two
inputs (p50, noise). The monitor does more per window (six inputs, bootstrap limits per window
size, CBPE, KPIs, control charts): the peer is the smaller job.
  bench_monitor.py write LIBRARY CSV N      (the library must exist: mammoterm made it)
  bench_monitor.py pandas CSV REFERENCE.json
"""
import json, math, random, sqlite3, sys, time

SITES = ["Site A", "Site B", "Site C"]


def write(library, csv_path, n):
    rng = random.Random(18)
    db = sqlite3.connect(library)
    db.execute("PRAGMA synchronous = OFF")
    db.execute("PRAGMA journal_mode = MEMORY")
    start = 20250106  # a Monday; 52 weeks from here
    import datetime
    first = datetime.date(2025, 1, 6)
    with db, open(csv_path, "w") as csv:
        csv.write("studyInstanceUID,studyDate,site,device,examScore,threshold,p50,noise\n")
        patients, studies, analyses, inputs = [], [], [], []
        for i in range(n):
            site = SITES[i % 3]
            day = first + datetime.timedelta(days=rng.randrange(364))
            date = day.strftime("%Y%m%d")
            uid = f"2.25.18{i:09d}"
            score = min(max(rng.betavariate(1.2, 6.0), 0.0), 1.0)
            p50 = rng.gauss(0.42, 0.04)
            noise = abs(rng.gauss(0.004, 0.0008))
            patients.append((i + 1, f"B{i:07d}", "BENCH^PATIENT", ""))
            studies.append((i + 1, uid, i + 1, date, "090000", "bench", ""))
            analyses.append((i + 1, uid, "mammoterm-lesion", "1.0.0", "mammoterm", "bench", score, 0.8, 0.5, "[]",
                             "2026-01-01T00:00:00Z"))
            inputs.append((i + 1, site, "Acme", "Senographe X", "1.0", 50 + i % 25, 0.1, p50, 0.8, noise, 15000.0, 0.28,
                           28.0, 60.0, 50.0))
            csv.write(f"{uid},{date},{site},Acme Senographe X,{score:.6f},0.5,{p50:.6f},{noise:.7f}\n")
        db.executemany("INSERT INTO patient (id, patientID, name, birthDate) VALUES (?, ?, ?, ?)", patients)
        db.executemany("INSERT INTO study (id, studyInstanceUID, patient, studyDate, studyTime, description, accessionNumber) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?)", studies)
        db.executemany("INSERT INTO ai_analysis (id, studyInstanceUID, model, modelVersion, source, inputHash, examScore, "
                       "examConfidence, threshold, findings, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", analyses)
        db.executemany("INSERT INTO ai_input (analysis, institution, manufacturer, manufacturerModelName, softwareVersions, "
                       "ageYears, p05, p50, p95, noise, breastAreaMM2, spacingMM, kvp, exposureMAs, thicknessMM) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", inputs)


def peer(csv_path, reference_path):
    import numpy as np
    import pandas as pd
    from scipy import stats
    started = time.perf_counter()
    reference = json.load(open(reference_path))
    ref = np.array([e["probability"] for e in reference["exams"]])
    frame = pd.read_csv(csv_path, dtype={"studyDate": str})
    dates = pd.to_datetime(frame["studyDate"], format="%Y%m%d")
    frame["week"] = (dates - pd.to_timedelta(dates.dt.day_of_week, unit="D")).dt.strftime("%Y-%m-%d")
    frame["positive"] = frame["examScore"] >= frame["threshold"]
    # Per exam the mean over its views, as the library's exam rows hold them.
    ref_inputs = {key: np.array([np.nanmean([v["inputs"].get(key, np.nan) for v in e["views"]] or [np.nan])
                                 for e in reference["exams"]]) for key in ("p50", "noise")}

    def psi(reference_values, current_values):
        # Evidently's: Sturges equal-width bins over the combined range; empty bins get a small share.
        edges = np.histogram_bin_edges(np.concatenate([reference_values, current_values]), "sturges")
        def shares(values):
            share = np.histogram(values, edges)[0] / len(values)
            nonzero = share[share > 0]
            floor = nonzero.min() / 1e6 if nonzero.size and nonzero.min() <= 0.0001 else 0.0001
            share[share == 0] = floor
            return share
        r, c = shares(reference_values), shares(current_values)
        return float(np.sum((r - c) * np.log(r / c)))

    rows = []
    for (site, week), group in frame.groupby(["site", "week"], sort=True):
        scores = group["examScore"].to_numpy()
        ks = stats.ks_2samp(ref, scores)
        row = [site, week, len(scores), float(group["positive"].mean()), psi(ref, scores), float(ks.statistic), float(ks.pvalue),
               float(stats.wasserstein_distance(ref, scores))]
        for key, values in ref_inputs.items():   # input drift as the monitor's default alarm statistic: KS
            values = values[np.isfinite(values)]
            if values.size:
                row.append(float(stats.ks_2samp(values, group[key].to_numpy()).statistic))
        rows.append(row)
    seconds = time.perf_counter() - started
    print(json.dumps({"windows": len(rows), "seconds": seconds}))


if __name__ == "__main__":
    if sys.argv[1] == "write":
        write(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif sys.argv[1] == "pandas":
        peer(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
