import Foundation
import HelpdeskCore

/// The `--intents DIR` option shared by classify, eval and check (env HELPDESK_INTENTS,
/// default `Intents`), and loading the model from it with a one-line error.
enum IntentsOption {
    static let flag = "--intents"
    static let env = "HELPDESK_INTENTS"

    static func directory(_ args: Arguments) -> String { args.string(flag, env: env, default: "Intents") }

    static func loadModel(_ args: Arguments) throws -> IntentModel {
        do {
            return try IntentModel.load(directory: directory(args))
        } catch let e as Problem {
            throw RuntimeFailure(e.description)
        }
    }
}
