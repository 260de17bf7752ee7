import Foundation
import Testing
@testable import FollowUpCore
import TestSupport

/// Random worlds driven through planner and gate; every send is checked
/// against the invariants. Replay one sequence with
/// `FOLLOWUP_PROPERTY_SEED=<seed> swift test --filter PolicyPropertyTests`.
@Suite struct PolicyPropertyTests {
    static let sequences = Int(ProcessInfo.processInfo.environment["FOLLOWUP_PROPERTY_RUNS"] ?? "") ?? 10_000
    static let stepsPerSequence = 80

    @Test func noInvariantBrokenInRandomWorlds() {
        if let text = ProcessInfo.processInfo.environment["FOLLOWUP_PROPERTY_SEED"], let seed = UInt64(text) {
            let world = run(seed: seed, tracing: true)
            print(world.trace!.lines.joined(separator: "\n"))
            if let v = world.violation { Issue.record("seed \(seed): \(v)") }
            return
        }
        var seeds = SplitMix64(seed: 0x5EED_F011_0B0B)
        var sends = 0
        for _ in 0..<Self.sequences {
            let seed = seeds.next()
            let world = run(seed: seed, tracing: false)
            sends += world.log.count
            if let v = world.violation {
                Issue.record("\(v) — replay with FOLLOWUP_PROPERTY_SEED=\(seed)")
                return
            }
        }
        print("property: \(Self.sequences) sequences, \(sends) sends checked")
        // The world must actually send, or the test proves nothing.
        #expect(sends >= Self.sequences / 2)
    }

    func run(seed: UInt64, tracing: Bool) -> SimulatedWorld {
        var world = SimulatedWorld(seed: seed, tracing: tracing)
        world.newEvent()
        for _ in 0..<Self.stepsPerSequence where world.violation == nil {
            world.step()
        }
        return world
    }
}
