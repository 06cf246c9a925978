/// The catalogue of diagnostics of reading a folder of rule files (``RuleFolder``) and of
/// capping a file's diagnostics: codes R0101–R0199. R0107–R0110 are about a folder that cannot
/// be used at all (``RuleBaseError/code``). See ``DiagnosticCode``.
enum RuleFolderDiagnostic: DiagnosticKind {
    case unreadable(String, reason: String)
    case linkOutside(String, folder: String)
    case entrySkipped(String, kind: String)
    case folderTooLarge(String)
    case fileTooLarge(String, size: Int)
    case moreProblems(Int, path: String)
    case noSuchFolder(String)
    case notAFolder(String)
    case unreadableFolder(String)
    case noRuleFiles(String)

    var entry: DiagnosticEntry {
        switch self {
        case .unreadable(let file, let reason): .error("R0101", "cannot read \(file): \(reason)")
        case .linkOutside(let file, let folder):
            .error("R0102", "\(file) is a link to a file outside \(folder.printable()); a rule folder must hold its rule files itself, so copy the file in")
        case .entrySkipped(let file, let kind): .warning("R0103", "\(file) is \(kind), not a file of rules; skipped")
        case .folderTooLarge(let folder):
            .error("R0104", "the rule files in \(folder.printable()) hold more than \(RuleFolder.maximumTotalSize >> 20) MiB together, more than a rule base may; is it the right folder?")
        case .fileTooLarge(let file, let size):
            .error("R0105", "\(file) is \(size >> 20) MiB, more than the \(RuleFolder.maximumFileSize >> 20) MiB a rule file may take; is it a rule file?")
        case .moreProblems(let count, let path): .error("R0106", "\(count) more problems in \(path) are not shown; fix the ones above first")
        case .noSuchFolder(let folder): .error("R0107", "no such folder: \(folder.printable())")
        case .notAFolder(let folder): .error("R0108", "\(folder.printable()) is not a folder; give the folder that holds the .\(RuleBase.fileExtension) files")
        case .unreadableFolder(let folder): .error("R0109", "cannot read the folder \(folder.printable())")
        case .noRuleFiles(let folder): .error("R0110", "\(folder.printable()) holds no .\(RuleBase.fileExtension) rule files")
        }
    }
}
