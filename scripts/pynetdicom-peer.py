#!/usr/bin/env python3
"""A second, independent DICOM implementation for the archive tests (pynetdicom + pydicom).

Modes:
  qr-scp    --port P --aet A --folder F [--store DIR] [--move-dest AET=host:port ...]
            A Query/Retrieve SCP over the DICOM files under F (rescanned on every request):
            C-ECHO; C-FIND, C-GET and C-MOVE in the Study Root and Patient Root models at the
            PATIENT/STUDY/SERIES/IMAGE levels; C-MOVE sends to the --move-dest entries only.
            Also a Storage SCP: received instances are written to --store as <SOPInstanceUID>.dcm.
            Binds 127.0.0.1 only. Prints one JSON line {"ready": port} on stdout once listening;
            exits 98 when the port is taken. Ends on SIGTERM, or when its parent process is gone.
  store-scu --host H --port P --aet A [--calling-aet C] FILES...
            Sends the files; prints one JSON line per file: {"file": ..., "status": N}
            (status -1 with "error" when it could not be sent). Exits 2 when no association.
  echo-scu  --host H --port P --aet A [--calling-aet C]
            Prints {"status": N}. Exits 2 when no association.
Used by Tests/ArchiveTestSupport/PynetdicomPeer.swift; runs with the venv's python3 (make venv).
"""
import argparse
import errno
import fnmatch
import json
import os
import signal
import sys
import threading
import time

from pydicom import dcmread
from pydicom.dataset import Dataset
from pydicom.uid import ExplicitVRLittleEndian, ImplicitVRLittleEndian, UID
from pynetdicom import AE, ALL_TRANSFER_SYNTAXES, AllStoragePresentationContexts, build_context, evt
from pynetdicom.sop_class import (
    PatientRootQueryRetrieveInformationModelFind,
    PatientRootQueryRetrieveInformationModelGet,
    PatientRootQueryRetrieveInformationModelMove,
    StudyRootQueryRetrieveInformationModelFind,
    StudyRootQueryRetrieveInformationModelGet,
    StudyRootQueryRetrieveInformationModelMove,
    Verification,
)

UNCOMPRESSED = {ExplicitVRLittleEndian, ImplicitVRLittleEndian, "1.2.840.10008.1.2.2"}
LEVEL_KEYS = {"PATIENT": "PatientID", "STUDY": "StudyInstanceUID", "SERIES": "SeriesInstanceUID", "IMAGE": "SOPInstanceUID"}
LEVELS = ["PATIENT", "STUDY", "SERIES", "IMAGE"]
COMPUTED = {
    "ModalitiesInStudy", "SOPClassesInStudy", "NumberOfStudyRelatedSeries", "NumberOfStudyRelatedInstances",
    "NumberOfSeriesRelatedInstances", "NumberOfPatientRelatedStudies", "NumberOfPatientRelatedSeries",
    "NumberOfPatientRelatedInstances",
}
SKIPPED_KEYS = {"QueryRetrieveLevel", "SpecificCharacterSet", "TimezoneOffsetFromUTC"}


def emit(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def watch_parent():
    """Ends this process once the process that started it is gone (a crashed test run)."""
    parent = os.getppid()
    if parent <= 1:
        return

    def loop():
        while True:
            if os.getppid() != parent:
                os._exit(70)
            time.sleep(0.25)

    threading.Thread(target=loop, daemon=True).start()


# ---------------------------------------------------------------- the folder index

class Index:
    def __init__(self, folder):
        self.folder = folder
        self.cache = {}  # path -> (mtime, size, header dataset)
        self.lock = threading.Lock()

    def entries(self):
        """[(path, header)] for every DICOM file under the folder (headers cached by mtime and size)."""
        found = []
        with self.lock:
            seen = set()
            for root, _dirs, files in os.walk(self.folder):
                for name in sorted(files):
                    path = os.path.join(root, name)
                    try:
                        st = os.stat(path)
                    except OSError:
                        continue
                    seen.add(path)
                    cached = self.cache.get(path)
                    if cached and cached[0] == st.st_mtime_ns and cached[1] == st.st_size:
                        if cached[2] is not None:
                            found.append((path, cached[2]))
                        continue
                    header = None
                    try:
                        with open(path, "rb") as f:
                            f.seek(128)
                            if f.read(4) == b"DICM":
                                header = dcmread(path, stop_before_pixels=True)
                    except Exception:
                        header = None
                    self.cache[path] = (st.st_mtime_ns, st.st_size, header)
                    if header is not None:
                        found.append((path, header))
            for gone in set(self.cache) - seen:
                del self.cache[gone]
        found.sort(key=lambda e: e[0])
        return found


# ---------------------------------------------------------------- matching (PS3.4 C.2.2.2)

def element_value(ds, keyword):
    if keyword not in ds:
        return None
    value = ds[keyword].value
    return value


def as_strings(value):
    if value is None:
        return []
    if isinstance(value, (list, tuple)) or type(value).__name__ == "MultiValue":
        return [str(v) for v in value]
    return [str(value)]


def match_one(query_value, vr, candidates):
    """Whether any of the candidate strings matches the query value for attribute VR."""
    query = str(query_value)
    if vr == "UI":
        wanted = set(query.split("\\"))
        return any(c in wanted for c in candidates)
    if vr in ("DA", "TM", "DT") and "-" in query and not query.startswith("*"):
        low, _, high = query.partition("-")
        for c in candidates:
            c = c.strip()
            if not c:
                continue
            if (not low or c >= low) and (not high or c[: len(high)] <= high):
                return True
        return False
    values = query.split("\\") if "\\" in query and vr not in ("LO", "LT", "ST", "UT", "PN") else [query]
    for q in values:
        if "*" in q or "?" in q:
            pattern = q
            if vr == "PN":
                if any(fnmatch.fnmatchcase(c.upper(), pattern.upper()) for c in candidates):
                    return True
            elif any(fnmatch.fnmatchcase(c, pattern) for c in candidates):
                return True
        else:
            for c in candidates:
                if vr == "PN" and c.upper() == q.upper():
                    return True
                if c.strip() == q.strip():
                    return True
    return False


def is_universal(elem):
    value = elem.value
    if value is None or value == "" or value == []:
        return True
    if elem.VR == "SQ":
        return True  # sequence matching is not supported: treat as return key
    return str(value) == "*"


class Entity:
    def __init__(self, level, key):
        self.level = level
        self.key = key
        self.files = []  # (path, header)


def group(entries, level):
    """{unique key at level: Entity}."""
    keyword = LEVEL_KEYS[level]
    entities = {}
    for path, header in entries:
        key = str(header.get(keyword, ""))
        if not key:
            continue
        entity = entities.setdefault(key, Entity(level, key))
        entity.files.append((path, header))
    return entities


def computed_value(keyword, entity, all_entries):
    files = entity.files
    if keyword == "ModalitiesInStudy":
        return sorted({str(h.get("Modality", "")) for _, h in files if h.get("Modality")})
    if keyword == "SOPClassesInStudy":
        return sorted({str(h.SOPClassUID) for _, h in files if "SOPClassUID" in h})
    if keyword in ("NumberOfStudyRelatedSeries", "NumberOfPatientRelatedSeries"):
        return len({str(h.get("SeriesInstanceUID", "")) for _, h in files})
    if keyword in ("NumberOfStudyRelatedInstances", "NumberOfSeriesRelatedInstances", "NumberOfPatientRelatedInstances"):
        return len(files)
    if keyword == "NumberOfPatientRelatedStudies":
        return len({str(h.get("StudyInstanceUID", "")) for _, h in files})
    return None


def find_matches(identifier, index):
    """[(Entity, response Dataset)] for a C-FIND/C-GET/C-MOVE identifier."""
    level = str(identifier.get("QueryRetrieveLevel", "")).upper()
    if level not in LEVEL_KEYS:
        raise ValueError(f"unsupported QueryRetrieveLevel {level!r}")
    entries = index.entries()
    entities = group(entries, level)
    results = []
    for entity in entities.values():
        ok = True
        for elem in identifier:
            keyword = elem.keyword
            if not keyword or keyword in SKIPPED_KEYS or is_universal(elem):
                continue
            if keyword in COMPUTED:
                if keyword == "ModalitiesInStudy":
                    present = computed_value(keyword, entity, entries)
                    wanted = [w for v in as_strings(elem.value) for w in v.split("\\")]
                    if not any(match_one(w, "CS", present) for w in wanted):
                        ok = False
                        break
                continue
            # An attribute matches when some file of the entity has a matching value.
            if not any(match_one("\\".join(as_strings(elem.value)) if elem.VR == "UI" else elem.value, elem.VR,
                                 as_strings(element_value(h, keyword))) for _, h in entity.files):
                ok = False
                break
        if not ok:
            continue
        response = Dataset()
        response.QueryRetrieveLevel = level
        representative = entity.files[0][1]
        for elem in identifier:
            keyword = elem.keyword
            if not keyword or keyword == "QueryRetrieveLevel":
                continue
            if keyword in COMPUTED:
                value = computed_value(keyword, entity, entries)
                setattr(response, keyword, value if value is not None else "")
            elif keyword == "SpecificCharacterSet":
                if "SpecificCharacterSet" in representative:
                    response.SpecificCharacterSet = representative.SpecificCharacterSet
            elif keyword in representative and representative[keyword].VR != "SQ":
                response[elem.tag] = representative[keyword]
            elif elem.VR == "SQ":
                setattr(response, keyword, [])
            else:
                setattr(response, keyword, None)
        # The unique keys of this level and above are always returned.
        for upper in LEVELS[: LEVELS.index(level) + 1]:
            keyword = LEVEL_KEYS[upper]
            if keyword in representative and keyword not in response:
                setattr(response, keyword, representative[keyword].value)
        results.append((entity, response))
    results.sort(key=lambda r: r[0].key)
    return results


# ---------------------------------------------------------------- the SCP

def qr_scp(args):
    # Spawned from a libdispatch worker thread (Swift Testing), we inherit its mask with SIGTERM blocked.
    signal.pthread_sigmask(signal.SIG_SETMASK, [])
    watch_parent()
    index = Index(args.folder)
    store_dir = args.store
    if store_dir:
        os.makedirs(store_dir, exist_ok=True)
    destinations = {}
    for item in args.move_dest or []:
        title, _, address = item.partition("=")
        host, _, port = address.rpartition(":")
        destinations[title.strip()] = (host or "127.0.0.1", int(port))

    ae = AE(ae_title=args.aet)
    ae.require_called_aet = True
    ae.acse_timeout = 10
    ae.dimse_timeout = 30
    ae.network_timeout = 30
    ae.maximum_associations = 20
    ae.add_supported_context(Verification, ALL_TRANSFER_SYNTAXES)
    for cx in AllStoragePresentationContexts:
        # Storage SCP, and (scp_role) the C-GET requestor may act as Storage SCP on our association.
        ae.add_supported_context(cx.abstract_syntax, ALL_TRANSFER_SYNTAXES, scp_role=True, scu_role=False)
    for model in (StudyRootQueryRetrieveInformationModelFind, StudyRootQueryRetrieveInformationModelGet,
                  StudyRootQueryRetrieveInformationModelMove, PatientRootQueryRetrieveInformationModelFind,
                  PatientRootQueryRetrieveInformationModelGet, PatientRootQueryRetrieveInformationModelMove):
        ae.add_supported_context(model)

    def on_echo(event):
        return 0x0000

    def on_find(event):
        try:
            matches = find_matches(event.identifier, index)
        except Exception as error:  # noqa: BLE001 - a bad identifier is a failure status, not a crash
            sys.stderr.write(f"C-FIND: {error}\n")
            yield 0xC000, None
            return
        for _, response in matches:
            if event.is_cancelled:
                yield 0xFE00, None
                return
            yield 0xFF00, response

    def files_of(identifier):
        matches = find_matches(identifier, index)
        paths = []
        for entity, _ in matches:
            paths.extend(path for path, _ in entity.files)
        return sorted(set(paths))

    def on_get(event):
        try:
            paths = files_of(event.identifier)
        except Exception as error:  # noqa: BLE001
            sys.stderr.write(f"C-GET: {error}\n")
            yield 0
            return
        yield len(paths)
        for path in paths:
            if event.is_cancelled:
                yield 0xFE00, None
                return
            yield 0xFF00, dcmread(path)

    def on_move(event):
        destination = destinations.get(str(event.move_destination).strip())
        if destination is None:
            sys.stderr.write(f"C-MOVE: unknown destination {event.move_destination!r}\n")
            yield None, None
            return
        try:
            paths = files_of(event.identifier)
        except Exception as error:  # noqa: BLE001
            sys.stderr.write(f"C-MOVE: {error}\n")
            yield destination[0], destination[1]
            yield 0
            return
        pairs = []
        for path in paths:
            header = index.cache.get(path, (0, 0, None))[2] or dcmread(path, stop_before_pixels=True)
            pair = (str(header.SOPClassUID), str(header.file_meta.TransferSyntaxUID))
            if pair not in pairs:
                pairs.append(pair)
        contexts = []
        for sop, ts in pairs[:128]:
            syntaxes = [ts] + [u for u in (ExplicitVRLittleEndian, ImplicitVRLittleEndian) if ts in UNCOMPRESSED and u != ts]
            contexts.append(build_context(sop, syntaxes))
        yield destination[0], destination[1], {"contexts": contexts, "bind_address": ("127.0.0.1", 0)}
        yield len(paths)
        for path in paths:
            if event.is_cancelled:
                yield 0xFE00, None
                return
            yield 0xFF00, dcmread(path)

    def on_store(event):
        if not store_dir:
            return 0xA700
        uid = str(event.request.AffectedSOPInstanceUID)
        final = os.path.join(store_dir, uid + ".dcm")
        partial = final + f".{os.getpid()}.part"
        with open(partial, "wb") as f:
            f.write(event.encoded_dataset())
        os.replace(partial, final)
        return 0x0000

    handlers = [
        (evt.EVT_C_ECHO, on_echo),
        (evt.EVT_C_FIND, on_find),
        (evt.EVT_C_GET, on_get),
        (evt.EVT_C_MOVE, on_move),
        (evt.EVT_C_STORE, on_store),
    ]
    try:
        server = ae.start_server(("127.0.0.1", args.port), block=False, evt_handlers=handlers)
    except OSError as error:
        sys.stderr.write(f"cannot listen on 127.0.0.1:{args.port}: {error}\n")
        sys.exit(98 if error.errno == errno.EADDRINUSE else 1)

    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    signal.signal(signal.SIGINT, lambda *_: stopping.set())
    emit({"ready": args.port})
    while not stopping.wait(0.5):
        pass
    server.shutdown()


# ---------------------------------------------------------------- the SCUs

def associate(ae, args, contexts=None):
    if contexts is not None:
        ae.requested_contexts = contexts
    assoc = ae.associate(args.host, args.port, ae_title=args.aet)
    if not assoc.is_established:
        state = "rejected" if assoc.is_rejected else "aborted" if assoc.is_aborted else "failed"
        emit({"error": f"association with {args.aet}@{args.host}:{args.port} {state}"})
        sys.exit(2)
    return assoc


def store_scu(args):
    ae = AE(ae_title=args.calling_aet)
    ae.acse_timeout = 10
    ae.dimse_timeout = 60
    ae.network_timeout = 60
    files = []
    for path in args.files:
        try:
            header = dcmread(path, stop_before_pixels=True)
            files.append((path, str(header.SOPClassUID), str(header.file_meta.TransferSyntaxUID)))
        except Exception as error:  # noqa: BLE001
            files.append((path, None, str(error)))
    pairs = []
    for _, sop, ts in files:
        if sop and (sop, ts) not in pairs:
            pairs.append((sop, ts))
    results = {}
    for start in range(0, max(len(pairs), 1), 128):
        batch = pairs[start:start + 128]
        if not batch:
            break
        contexts = [build_context(sop, [ts] + [u for u in (ExplicitVRLittleEndian, ImplicitVRLittleEndian)
                                               if ts in UNCOMPRESSED and u != ts]) for sop, ts in batch]
        assoc = associate(ae, args, contexts)
        try:
            for path, sop, ts in files:
                if (sop, ts) not in batch:
                    continue
                try:
                    status = assoc.send_c_store(dcmread(path))
                    results[path] = {"file": path, "status": int(status.Status) if "Status" in status else -1}
                    if "Status" not in status:
                        results[path]["error"] = "no response (timeout or abort)"
                except Exception as error:  # noqa: BLE001
                    results[path] = {"file": path, "status": -1, "error": str(error)}
        finally:
            if assoc.is_established:
                assoc.release()
    for path, sop, ts in files:
        emit(results.get(path) or {"file": path, "status": -1, "error": ts if sop is None else "not sent"})


def echo_scu(args):
    ae = AE(ae_title=args.calling_aet)
    ae.acse_timeout = 10
    ae.dimse_timeout = 30
    assoc = associate(ae, args, [build_context(Verification)])
    status = assoc.send_c_echo()
    emit({"status": int(status.Status) if "Status" in status else -1})
    assoc.release()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    modes = parser.add_subparsers(dest="mode", required=True)
    scp = modes.add_parser("qr-scp")
    scp.add_argument("--port", type=int, required=True)
    scp.add_argument("--aet", default="PYQRSCP")
    scp.add_argument("--folder", required=True)
    scp.add_argument("--store")
    scp.add_argument("--move-dest", action="append", metavar="AET=host:port")
    for name in ("store-scu", "echo-scu"):
        scu = modes.add_parser(name)
        scu.add_argument("--host", default="127.0.0.1")
        scu.add_argument("--port", type=int, required=True)
        scu.add_argument("--aet", required=True, help="called AE title")
        scu.add_argument("--calling-aet", default="PYNETDICOM")
        if name == "store-scu":
            scu.add_argument("files", nargs="+")
    args = parser.parse_args()
    {"qr-scp": qr_scp, "store-scu": store_scu, "echo-scu": echo_scu}[args.mode](args)


if __name__ == "__main__":
    main()
