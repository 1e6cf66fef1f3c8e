// The library's SQLite schema as append-only GRDB migrations. Never edit a shipped migration:
// add a new "vN-..." one, so every library file on disk can be brought up to date.
import GRDB

enum LibrarySchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-library") { db in
            // Identifiers `rows`, `columns` and `view` are SQL keywords: always quoted.
            // Dates are DICOM DA text "YYYYMMDD" (sorts as text) or '' when unknown.
            try db.execute(sql: """
                CREATE TABLE patient (
                    id INTEGER PRIMARY KEY,
                    patientID TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL,
                    birthDate TEXT NOT NULL
                        CHECK (birthDate = '' OR birthDate GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]')
                );
                CREATE TABLE study (
                    id INTEGER PRIMARY KEY,
                    studyInstanceUID TEXT NOT NULL UNIQUE CHECK (studyInstanceUID <> ''),
                    patient INTEGER NOT NULL REFERENCES patient(id),
                    studyDate TEXT NOT NULL
                        CHECK (studyDate = '' OR studyDate GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
                    studyTime TEXT NOT NULL,
                    description TEXT NOT NULL,
                    accessionNumber TEXT NOT NULL,
                    priorStudy INTEGER REFERENCES study(id) ON DELETE SET NULL,
                    CHECK (priorStudy IS NULL OR priorStudy <> id)
                );
                CREATE INDEX study_patient ON study(patient);
                CREATE INDEX study_priorStudy ON study(priorStudy);
                CREATE INDEX study_studyDate ON study(studyDate);
                CREATE TABLE series (
                    id INTEGER PRIMARY KEY,
                    seriesInstanceUID TEXT NOT NULL UNIQUE CHECK (seriesInstanceUID <> ''),
                    study INTEGER NOT NULL REFERENCES study(id),
                    modality TEXT NOT NULL,
                    description TEXT NOT NULL,
                    number INTEGER
                );
                CREATE INDEX series_study ON series(study);
                CREATE TABLE image (
                    id INTEGER PRIMARY KEY,
                    sopInstanceUID TEXT NOT NULL UNIQUE CHECK (sopInstanceUID <> ''),
                    series INTEGER NOT NULL REFERENCES series(id),
                    path TEXT NOT NULL UNIQUE CHECK (path <> ''),
                    fileSize INTEGER NOT NULL CHECK (fileSize >= 0),
                    fileModified REAL NOT NULL,
                    sopClassUID TEXT NOT NULL,
                    "rows" INTEGER NOT NULL CHECK ("rows" >= 0),
                    "columns" INTEGER NOT NULL CHECK ("columns" >= 0),
                    side TEXT CHECK (side IN ('R', 'L')),
                    "view" TEXT CHECK ("view" <> ''),
                    presentationIntent TEXT CHECK (presentationIntent IN ('FOR PRESENTATION', 'FOR PROCESSING')),
                    implantPresent INTEGER CHECK (implantPresent IN (0, 1)),
                    instanceNumber INTEGER
                );
                CREATE INDEX image_series ON image(series);
                CREATE TABLE import_issue (
                    id INTEGER PRIMARY KEY,
                    path TEXT NOT NULL UNIQUE CHECK (path <> ''),
                    reason TEXT NOT NULL,
                    seenAt TEXT NOT NULL
                );
                """)
        }
        migrator.registerMigration("v2-study-flag") { db in
            // A reader's own flags on studies ("come back to this one"), kept across sessions.
            // By study UID, not row id: a study re-imported after pruning keeps its flag.
            try db.execute(sql: """
                CREATE TABLE study_flag (
                    studyInstanceUID TEXT NOT NULL CHECK (studyInstanceUID <> ''),
                    reader TEXT NOT NULL,
                    flaggedAt TEXT NOT NULL,
                    PRIMARY KEY (studyInstanceUID, reader)
                );
                """)
        }
        migrator.registerMigration("v3-ai-analysis") { db in
            // AI results beside the pixels: one row per study, source and model (a new run of
            // the same model replaces its row); `findings` is the JSON array of MammoCore's
            // AIFinding; maps per view in their own table. By study UID, like flags.
            try db.execute(sql: """
                CREATE TABLE ai_analysis (
                    id INTEGER PRIMARY KEY,
                    studyInstanceUID TEXT NOT NULL CHECK (studyInstanceUID <> ''),
                    model TEXT NOT NULL CHECK (model <> ''),
                    modelVersion TEXT NOT NULL,
                    source TEXT NOT NULL CHECK (source <> ''),
                    inputHash TEXT NOT NULL,
                    examScore REAL NOT NULL CHECK (examScore >= 0 AND examScore <= 1),
                    examConfidence REAL CHECK (examConfidence IS NULL OR (examConfidence >= 0 AND examConfidence <= 1)),
                    threshold REAL,
                    findings TEXT NOT NULL,
                    createdAt TEXT NOT NULL,
                    UNIQUE (studyInstanceUID, source, model)
                );
                CREATE INDEX ai_analysis_study ON ai_analysis(studyInstanceUID);
                CREATE TABLE ai_heatmap (
                    analysis INTEGER NOT NULL REFERENCES ai_analysis(id) ON DELETE CASCADE,
                    "view" TEXT NOT NULL,
                    width INTEGER NOT NULL CHECK (width > 0),
                    height INTEGER NOT NULL CHECK (height > 0),
                    "values" BLOB NOT NULL CHECK (length("values") = width * height),
                    PRIMARY KEY (analysis, "view")
                );
                """)
        }
        migrator.registerMigration("v4-read-record") { db in
            // Reader decisions, append-only: a revision is a new row whose `revises` names the old
            // one; triggers refuse UPDATE and DELETE. `decision` is ReaderDecision as canonical JSON
            // (sorted keys). Each row's `hash` covers its content and the previous row's hash
            // (MammoCore/Reading/ReadRecord+Canonical.swift documents the bytes hashed).
            try db.execute(sql: """
                CREATE TABLE read_record (
                    id INTEGER PRIMARY KEY,
                    reader TEXT NOT NULL CHECK (reader <> ''),
                    session TEXT NOT NULL CHECK (session <> ''),
                    studyInstanceUID TEXT NOT NULL CHECK (studyInstanceUID <> ''),
                    "protocol" TEXT NOT NULL CHECK ("protocol" IN ('unaided', 'concurrent', 'second-look', 'referral')),
                    stage TEXT NOT NULL CHECK (stage IN ('initial', 'final')),
                    aiVisibility TEXT NOT NULL CHECK (aiVisibility IN ('none', 'triage-tag', 'safety-net-alert', 'full')),
                    aiScore REAL CHECK (aiScore IS NULL OR (aiScore >= 0 AND aiScore <= 1)),
                    aiModel TEXT,
                    safetyNetAlert INTEGER NOT NULL CHECK (safetyNetAlert IN (0, 1)),
                    openedAt TEXT NOT NULL CHECK (openedAt <> ''),
                    submittedAt TEXT NOT NULL CHECK (submittedAt <> ''),
                    readingSeconds REAL NOT NULL CHECK (readingSeconds >= 0),
                    decision TEXT NOT NULL CHECK (decision <> ''),
                    revises INTEGER REFERENCES read_record(id) CHECK (revises IS NULL OR revises < id),
                    previousHash TEXT NOT NULL,
                    hash TEXT NOT NULL CHECK (length(hash) = 64)
                );
                CREATE INDEX read_record_study ON read_record(studyInstanceUID);
                CREATE INDEX read_record_reader ON read_record(reader);
                CREATE INDEX read_record_revises ON read_record(revises);
                CREATE TRIGGER read_record_no_update BEFORE UPDATE ON read_record
                BEGIN SELECT RAISE(ABORT, 'read records are append-only: a revision is a new row that points at the old one'); END;
                CREATE TRIGGER read_record_no_delete BEFORE DELETE ON read_record
                BEGIN SELECT RAISE(ABORT, 'read records are append-only: they are never deleted'); END;
                """)
        }
        migrator.registerMigration("v5-study-truth") { db in
            // Ground truth per study for reader studies; by study UID like flags and AI results,
            // so truth can be imported before or after the images. A new import replaces a row.
            try db.execute(sql: """
                CREATE TABLE study_truth (
                    studyInstanceUID TEXT PRIMARY KEY CHECK (studyInstanceUID <> ''),
                    cancer INTEGER NOT NULL CHECK (cancer IN (0, 1)),
                    birads TEXT CHECK (birads IS NULL OR birads IN ('0', '1', '2', '3', '4A', '4B', '4C', '5', '6')),
                    density TEXT CHECK (density IS NULL OR density IN ('A', 'B', 'C', 'D')),
                    source TEXT NOT NULL,
                    importedAt TEXT NOT NULL
                );
                """)
        }
        migrator.registerMigration("v6-referral-thresholds") { db in
            // Decision-referral thresholds, calibrated once per model version and targets and then
            // frozen: a study keeps using the first ones stored (UNIQUE: a second calibration of the
            // same model and targets is refused, not overwritten).
            try db.execute(sql: """
                CREATE TABLE referral_thresholds (
                    id INTEGER PRIMARY KEY,
                    model TEXT NOT NULL CHECK (model <> ''),
                    ntTarget REAL NOT NULL CHECK (ntTarget > 0 AND ntTarget <= 1),
                    snTarget REAL NOT NULL CHECK (snTarget > 0 AND snTarget <= 1),
                    normalTriage REAL NOT NULL,
                    safetyNet REAL NOT NULL,
                    cases INTEGER NOT NULL CHECK (cases > 0),
                    createdAt TEXT NOT NULL,
                    UNIQUE (model, ntTarget, snTarget)
                );
                """)
        }
        migrator.registerMigration("v7-annotation") { db in
            // Lesions drawn by annotators (mammoterm annotate, or imported ground truth): one row per mark,
            // written on every change so a killed process loses nothing. By UIDs, like truth and AI results.
            // `shape` is the mark's AnnotationShape as JSON (Codable), in stored-image pixels.
            try db.execute(sql: """
                CREATE TABLE annotation (
                    id TEXT PRIMARY KEY CHECK (id <> ''),
                    studyInstanceUID TEXT NOT NULL CHECK (studyInstanceUID <> ''),
                    sopInstanceUID TEXT NOT NULL CHECK (sopInstanceUID <> ''),
                    "view" TEXT NOT NULL CHECK ("view" <> ''),
                    shape TEXT NOT NULL,
                    category TEXT NOT NULL,
                    birads TEXT CHECK (birads IS NULL OR birads IN ('0', '1', '2', '3', '4', '4A', '4B', '4C', '5', '6')),
                    pathology TEXT,
                    note TEXT NOT NULL,
                    annotator TEXT NOT NULL CHECK (annotator <> ''),
                    createdAt TEXT NOT NULL,
                    modifiedAt TEXT NOT NULL,
                    lesionID TEXT,
                    acceptedBy TEXT,
                    acceptedAt TEXT
                );
                CREATE INDEX annotation_study ON annotation(studyInstanceUID);
                CREATE INDEX annotation_image ON annotation(sopInstanceUID);
                """)
        }
        migrator.registerMigration("v8-study-truth-birads-4") { db in
            // BI-RADS 4 without a subcategory (VinDr-Mammo, CBIS-DDSM): SQLite cannot change a CHECK,
            // so the table is rebuilt with the wider one and its rows copied.
            try db.execute(sql: """
                CREATE TABLE study_truth_new (
                    studyInstanceUID TEXT PRIMARY KEY CHECK (studyInstanceUID <> ''),
                    cancer INTEGER NOT NULL CHECK (cancer IN (0, 1)),
                    birads TEXT CHECK (birads IS NULL OR birads IN ('0', '1', '2', '3', '4', '4A', '4B', '4C', '5', '6')),
                    density TEXT CHECK (density IS NULL OR density IN ('A', 'B', 'C', 'D')),
                    source TEXT NOT NULL,
                    importedAt TEXT NOT NULL
                );
                INSERT INTO study_truth_new SELECT studyInstanceUID, cancer, birads, density, source, importedAt FROM study_truth;
                DROP TABLE study_truth;
                ALTER TABLE study_truth_new RENAME TO study_truth;
                """)
        }
        migrator.registerMigration("v9-remote-study") { db in
            // Studies an archive answered a query with: worklist rows until retrieved (then the
            // local study wins). One row per node and study; a new answer replaces the old.
            try db.execute(sql: """
                CREATE TABLE remote_study (
                    node TEXT NOT NULL CHECK (node <> ''),
                    studyInstanceUID TEXT NOT NULL CHECK (studyInstanceUID <> ''),
                    patientID TEXT NOT NULL,
                    patientName TEXT NOT NULL,
                    patientBirthDate TEXT NOT NULL,
                    studyDate TEXT NOT NULL,
                    studyTime TEXT NOT NULL,
                    studyDescription TEXT NOT NULL,
                    accessionNumber TEXT NOT NULL,
                    modalitiesInStudy TEXT NOT NULL,
                    numberOfInstances INTEGER CHECK (numberOfInstances IS NULL OR numberOfInstances >= 0),
                    queriedAt TEXT NOT NULL,
                    PRIMARY KEY (node, studyInstanceUID)
                );
                CREATE INDEX remote_study_uid ON remote_study(studyInstanceUID);
                CREATE INDEX remote_study_patient ON remote_study(patientID);
                """)
        }
        migrator.registerMigration("v10-file-check") { db in
            // What decoding a file's pixel data found, by file stamp: done when two files carry
            // one SOP Instance UID (to keep the copy that decodes), at most once per file version.
            // The copies a stored image can fall back to are the rows with its UID and a hash.
            try db.execute(sql: """
                CREATE TABLE file_check (
                    path TEXT PRIMARY KEY CHECK (path <> ''),
                    fileSize INTEGER NOT NULL CHECK (fileSize >= 0),
                    fileModified REAL NOT NULL,
                    sopInstanceUID TEXT NOT NULL,
                    pixelHash TEXT CHECK (pixelHash IS NULL OR length(pixelHash) = 64),
                    problem TEXT,
                    checkedAt TEXT NOT NULL,
                    CHECK ((pixelHash IS NULL) <> (problem IS NULL))
                );
                CREATE INDEX file_check_sop ON file_check(sopInstanceUID);
                """)
        }
        migrator.registerMigration("v11-reader-study") { db in
            // Reader studies (`mammoterm study create`): the design as ReaderStudyDesign JSON
            // (Study/ReaderStudy documents it); progress is derived from the decisions.
            try db.execute(sql: """
                CREATE TABLE reader_study (
                    name TEXT PRIMARY KEY CHECK (name <> ''),
                    design TEXT NOT NULL,
                    createdAt TEXT NOT NULL
                );
                """)
        }
        migrator.registerMigration("v12-revision-slot") { db in
            // A revision replaces a decision of the same reader, study, protocol and stage only:
            // refused by the database, so no row can hide another reader's decision.
            try db.execute(sql: """
                CREATE TRIGGER read_record_revision_slot BEFORE INSERT ON read_record
                WHEN NEW.revises IS NOT NULL AND NOT EXISTS (
                    SELECT 1 FROM read_record AS old WHERE old.id = NEW.revises AND old.reader = NEW.reader
                    AND old.studyInstanceUID = NEW.studyInstanceUID AND old."protocol" = NEW."protocol" AND old.stage = NEW.stage)
                BEGIN SELECT RAISE(ABORT, 'a revision must revise a decision of the same reader, study, protocol and stage'); END;
                """)
        }
        migrator.registerMigration("v13-ai-inputs") { db in
            // What drift monitoring needs beside an AI result (`mammoterm monitor`): the acquisition
            // context and, per view, the view's score and input statistics from the analysis pass
            // (MammoCore/AI/AnalysisInputs documents them). `ai_input` holds the exam's context and
            // the means over its views, so the monitor reads one row per exam; a rerun replaces both
            // with its ai_analysis row (ON DELETE CASCADE).
            try db.execute(sql: """
                CREATE TABLE ai_input (
                    analysis INTEGER PRIMARY KEY REFERENCES ai_analysis(id) ON DELETE CASCADE,
                    institution TEXT NOT NULL,
                    manufacturer TEXT NOT NULL,
                    manufacturerModelName TEXT NOT NULL,
                    softwareVersions TEXT NOT NULL,
                    ageYears INTEGER CHECK (ageYears IS NULL OR (ageYears >= 0 AND ageYears < 150)),
                    p05 REAL, p50 REAL, p95 REAL, noise REAL, breastAreaMM2 REAL, spacingMM REAL,
                    kvp REAL, exposureMAs REAL, thicknessMM REAL
                );
                CREATE TABLE ai_view_input (
                    analysis INTEGER NOT NULL REFERENCES ai_analysis(id) ON DELETE CASCADE,
                    "view" TEXT NOT NULL CHECK ("view" <> ''),
                    score REAL NOT NULL CHECK (score >= 0 AND score <= 1),
                    p05 REAL, p50 REAL, p95 REAL, noise REAL, breastAreaMM2 REAL, spacingMM REAL,
                    kvp REAL, exposureMAs REAL, thicknessMM REAL,
                    PRIMARY KEY (analysis, "view")
                );
                CREATE INDEX ai_input_institution ON ai_input(institution);
                """)
        }
        migrator.registerMigration("v14-out-of-domain") { db in
            // Why an exam lies outside what the model was made for (a resampled size, another pixel
            // spacing or bit depth, not MG), NULL when within it: shown beside the score everywhere.
            try db.execute(sql: "ALTER TABLE ai_analysis ADD COLUMN outOfDomain TEXT CHECK (outOfDomain IS NULL OR outOfDomain <> '')")
        }
        return migrator
    }
}
