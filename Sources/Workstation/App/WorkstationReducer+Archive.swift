// Remote studies: opening one retrieves it in the background (the reading screen shows each
// view as soon as its instance is filed, with a progress line; q cancels), the worklist is
// read again when a retrieve ends, and F asks every archive for its studies.
import Archive
import Foundation
import Ingest
import MammoCore
import Store
import TUI

extension WorkstationReducer {
    /// Switches to the reading screen for a study an archive holds and starts retrieving it.
    func openRemote(_ entry: WorklistEntry, _ state: inout WorkstationState, _ effects: Effects<WorkstationAction>) {
        let uid = entry.studyInstanceUID, nodeName = entry.location
        guard let archive = service.archive, archive.node(named: nodeName) != nil else {
            state.message = "No archive \(PrintableText.clean(nodeName)) in config.toml: cannot retrieve this study"
            return
        }
        state.worklist.select(studyUID: uid, viewport: WorklistScreen.viewport(state.size))
        state.screen = .reading
        var reading = ReadingState(entry: entry, flow: state.settings.session.flow(for: nil), openedAt: environment.now())
        reading.startsAnnotating = state.settings.annotator != nil
        reading.retrieval = RetrievalProgress(node: nodeName)
        state.reading = reading
        state.message = reading.retrieval?.line ?? ""
        guard !archive.isRetrieving(uid) else { return }
        effects.run {
            let outcome = archive.retrieve(uid, from: nodeName) { event in
                let arrived = !event.isPrior && event.indexed?.viewKey.map(ViewKey.screening.contains) == true
                effects.send(.retrieveProgress(studyUID: uid, progress: RetrievalProgress(event, node: nodeName), viewArrived: arrived))
            }
            switch outcome {
            case .success(let report):
                let main = report.studies.first?.counts ?? TransferCounts()
                var line = "Retrieved \(main.completed) instances from \(nodeName)"
                if main.alreadyPresent > 0 { line += " (\(main.alreadyPresent) already here)" }
                let priors = report.studies.count - 1
                if priors > 0 { line += " with \(priors) prior \(priors == 1 ? "study" : "studies")" }
                if report.failed > 0 { line += " · \(report.failed) failed: \(report.failures.first ?? "")" }
                return .retrieveFinished(studyUID: uid, outcome: .success(line))
            case .failure(let error):
                let text = error.reason == "cancelled" ? "Retrieve from \(nodeName) cancelled; what arrived is kept" : error.description
                return .retrieveFinished(studyUID: uid, outcome: .failure(WorkstationError(reason: text)))
            }
        }
    }

    func retrieveProgress(_ uid: String, _ progress: RetrievalProgress, viewArrived: Bool, _ state: inout WorkstationState,
                          _ effects: Effects<WorkstationAction>) {
        guard state.screen == .reading, var reading = state.reading, reading.entry.studyInstanceUID == uid,
              reading.retrieval != nil else { return }
        reading.retrieval = progress
        state.reading = reading
        state.message = progress.line
        if viewArrived { reloadStudy(reading.entry, effects) }
    }

    /// Opens the study again from the library, off the loop; comes back as studyRefreshed.
    func reloadStudy(_ entry: WorklistEntry, _ effects: Effects<WorkstationAction>) {
        let service = self.service
        effects.run {
            service.forgetStudy(entry.studyInstanceUID)
            do {
                return .studyRefreshed(try service.loadStudy(entry, caching: false))
            } catch {
                return .notice("Could not open the arrived views: \(error)")
            }
        }
    }

    func studyRefreshed(_ details: StudyDetails, _ state: inout WorkstationState, _ effects: Effects<WorkstationAction>) {
        guard var reading = state.reading, reading.entry.studyInstanceUID == details.studyUID else { return }
        guard let shown = reading.details else {
            studyLoaded(details, &state, effects)
            return
        }
        // An older reload finishing after a newer one must not take views away.
        guard details.files.count >= shown.files.count else { return }
        // The protocol decides again what of the AI and the truth may show (as when the study opened).
        reading.details = details
        gate(&reading, session: state.settings.session)
        state.reading = reading
        requestPicture(&state, effects)
    }

    func retrieveFinished(_ uid: String, _ outcome: Result<String, WorkstationError>, _ state: inout WorkstationState,
                          _ effects: Effects<WorkstationAction>) {
        switch outcome {
        case .success(let line): state.message = line
        case .failure(let error): state.message = error.reason
        }
        if var reading = state.reading, reading.entry.studyInstanceUID == uid {
            reading.retrieval = nil
            state.reading = reading
        }
        reloadWorklist(effects)
    }

    /// Reads the worklist again (library and archives' answers), off the loop.
    func reloadWorklist(_ effects: Effects<WorkstationAction>) {
        let service = self.service
        effects.run {
            let entries = (try? service.archive?.worklist()) ?? (try? service.library.worklist())
            return entries.map { .worklistReloaded($0) }
        }
    }

    func worklistReloaded(_ entries: [WorklistEntry], _ state: inout WorkstationState, _ effects: Effects<WorkstationAction>) {
        let session = state.settings.session
        let (shown, labels) = WorkstationApp.worklistRows(entries, session: session)
        state.worklist = state.worklist.replacingEntries(shown, aiLabels: labels, viewport: WorklistScreen.viewport(state.size))
        // The study being read is local now: its prior and AI come with the library's row.
        if var reading = state.reading, reading.entry.isRemote,
           let local = shown.first(where: { $0.studyInstanceUID == reading.entry.studyInstanceUID && !$0.isRemote }) {
            reading.entry = local
            state.reading = reading
            reloadStudy(local, effects)
        }
    }

    /// F on the worklist: every archive is asked for its studies (within the date filter).
    func refreshFromArchives(_ state: inout WorkstationState, _ effects: Effects<WorkstationAction>) {
        guard let archive = service.archive, !archive.nodes.isEmpty else {
            state.message = "No archives in config.toml: add a [[pacs]] entry to list remote studies"
            return
        }
        let dates = state.worklist.dateRange
        state.message = "Asking \(archive.nodes.map(\.name).joined(separator: ", ")) for studies\(dates.map { " \($0.label)" } ?? "")…"
        effects.run {
            let (count, failures) = archive.refresh(dates: dates)
            effects.send(.notice(failures.isEmpty ? "\(count) studies in the archives" : failures.joined(separator: "; ")))
            return (try? archive.worklist()).map { .worklistReloaded($0) }
        }
    }
}
