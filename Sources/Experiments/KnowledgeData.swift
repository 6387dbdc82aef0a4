import Foundation
import Corpus
import Embeddings
import Evaluation

/// Knowledge files for the auxiliary tasks, mapped to the vocabulary after removing every pair of
/// the evaluation files (`ExcludedPairs`): similarity constraints (`synonym`/`attract`,
/// `antonym`/`repel` lines) for `AttractRepelObjective`, relation pairs (`relation word1 word2`)
/// for `RelationAnalogySource`. Words are matched like `AuxiliaryData.id` (exact, else lower-case).
public struct KnowledgeData {
    public static let constraintLabels: Set<String> = ["synonym", "antonym", "attract", "repel"]

    public var constraints: [ConstraintExample] = []
    /// Relation names (sorted) and their pairs, in the same order.
    public var relationNames: [String] = []
    public var relations: [[RelationPair]] = []
    /// What the data holds, for the user: one line per file and per evaluation file.
    public var report: [String] = []

    public init() {}

    public var relationPairCount: Int { relations.reduce(0) { $0 + $1.count } }

    /// Reads the files, removes the excluded pairs, maps the rest to `vocabulary`. A file none of
    /// whose pairs has both words in the vocabulary (after the exclusion) is an error naming it.
    public static func load(constraints constraintsPath: String?, relations relationsPath: String?, exclude: ExcludedPairs,
                            vocabulary: Vocabulary) throws -> KnowledgeData {
        var data = KnowledgeData()
        var knowledgeKeys = Set<PairKey>()
        if let path = constraintsPath {
            let set = try LabelledPairSet.load(path: path, labels: constraintLabels)
            var removed = 0, unknown = 0
            for p in set.pairs {
                knowledgeKeys.insert(PairKey(p.first, p.second))
                if exclude.contains(p.first, p.second) { removed += 1; continue }
                guard let u = AuxiliaryData.id(p.first, in: vocabulary), let v = AuxiliaryData.id(p.second, in: vocabulary) else {
                    unknown += 1
                    continue
                }
                data.constraints.append(ConstraintExample(u: u, v: v, attract: p.label == "synonym" || p.label == "attract"))
            }
            if data.constraints.isEmpty {
                throw MT2STError.badAuxiliaryData(path: path,
                    reason: "none of its \(set.pairs.count) constraints has both words in the vocabulary (\(removed) excluded as evaluation pairs)")
            }
            let attract = data.constraints.filter(\.attract).count
            data.report.append("\(path): \(data.constraints.count) constraints in the vocabulary (\(attract) attract, "
                               + "\(data.constraints.count - attract) repel); \(removed) removed as evaluation pairs, \(unknown) out of vocabulary")
        }
        if let path = relationsPath {
            let set = try LabelledPairSet.load(path: path)
            var removed = 0, unknown = 0
            var byName: [String: [RelationPair]] = [:]
            for p in set.pairs {
                knowledgeKeys.insert(PairKey(p.first, p.second))
                if exclude.contains(p.first, p.second) { removed += 1; continue }
                guard let a = AuxiliaryData.id(p.first, in: vocabulary), let b = AuxiliaryData.id(p.second, in: vocabulary) else {
                    unknown += 1
                    continue
                }
                byName[p.label, default: []].append(RelationPair(first: a, second: b))
            }
            for name in byName.keys.sorted() where byName[name]!.count >= 2 {
                data.relationNames.append(name)
                data.relations.append(byName[name]!)
            }
            if data.relations.isEmpty {
                throw MT2STError.badAuxiliaryData(path: path,
                    reason: "no relation has two pairs with both words in the vocabulary (\(set.pairs.count) pairs, \(removed) excluded as evaluation pairs)")
            }
            let counts = zip(data.relationNames, data.relations).map { "\($0) \($1.count)" }.joined(separator: ", ")
            data.report.append("\(path): \(data.relationPairCount) relation pairs in the vocabulary in \(data.relations.count) relations "
                               + "(\(counts)); \(removed) removed as evaluation pairs, \(unknown) out of vocabulary")
        }
        for file in exclude.files {
            let overlap = file.pairs.filter { knowledgeKeys.contains($0) }.count
            let share = file.pairs.isEmpty ? 0 : 100 * Double(overlap) / Double(file.pairs.count)
            data.report.append("excluded \(file.path) (\(file.kind)): \(overlap) of its \(file.pairs.count) pairs are in the knowledge data "
                               + "(\(String(format: "%.1f", share)) %), none is trained on")
        }
        return data
    }
}
