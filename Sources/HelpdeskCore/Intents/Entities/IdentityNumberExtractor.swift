import Foundation

/// Finds civil-servant ids (NIP, 18 digits) and citizen ids (NIK, 16 digits), spaced or
/// not; value is the digits only. Uses the shared `DigitRun` rule so phone numbers are never
/// taken for identity numbers or the other way round.
public struct IdentityNumberExtractor: EntityExtracting {
    public init() {}
    public func extract(_ input: EntityInput, now: Date) -> [EntityMatch] {
        guard input.hasDigits else { return [] }
        return matches(DigitRun.scan(input.bytes), in: input)
    }

    /// The finds among `runs` (`DigitRun.scan` of the input's bytes, which `EntityExtractor`
    /// works out once for this extractor and the phone extractor).
    func matches(_ runs: [DigitRun], in input: EntityInput) -> [EntityMatch] {
        runs.compactMap { run in
            switch run.reading {
            case .nip(let v): return EntityMatch(entity: Entity(kind: .nip, value: v, text: input.surface(run.start, run.end)), start: run.start, end: run.end)
            case .nik(let v): return EntityMatch(entity: Entity(kind: .nik, value: v, text: input.surface(run.start, run.end)), start: run.start, end: run.end)
            default: return nil
            }
        }
    }
}

/// Finds Indonesian phone numbers (`0812-3456-7890`, `+62 812 3456 7890`, `62812…`) and gives
/// them in the national `08…` form, digits only, so they can be masked and compared.
public struct PhoneExtractor: EntityExtracting {
    public init() {}
    public func extract(_ input: EntityInput, now: Date) -> [EntityMatch] {
        guard input.hasDigits else { return [] }
        return matches(DigitRun.scan(input.bytes), in: input)
    }

    /// The finds among `runs` (`DigitRun.scan` of the input's bytes).
    func matches(_ runs: [DigitRun], in input: EntityInput) -> [EntityMatch] {
        runs.compactMap { run in
            guard case .phone(let v) = run.reading else { return nil }
            return EntityMatch(entity: Entity(kind: .phone, value: v, text: input.surface(run.start, run.end)), start: run.start, end: run.end)
        }
    }
}
