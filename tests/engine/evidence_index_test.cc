// The evidence index under scenario edits: Checkpoint/Rollback restores it
// exactly (lists, order, lookups, field slots) after random edit sequences;
// an index rebuilt over other evidence equals one built afresh.
#include <random>

#include "tests/engine/engine_test_util.h"

namespace cchc::testutil::evidence_index_test {
namespace {

const char* kCriteria = R"(
index "T" { total 1 bands { "A" else } }
record a { x: number }
record b { y: number }
area 1 "A" max 1 { criterion 1.1 "C" max 1 { item 1.1.1 "I" max 1 {
  score scaled sum(records kind "a", x) + sum(records kind "b", y) of 100
} } })";

// Everything observable about an index, as text.
std::string Snapshot(const Plan& plan, const EvidenceIndex& index) {
  std::string out;
  for (int k = -1; k < static_cast<int>(plan.kinds().size()); ++k) {
    out += "kind " + std::to_string(k) + ":";
    for (uint32_t r : index.OfKind(k)) {
      const Record& rec = index.record(r);
      out += " " + rec.id + "@" + std::to_string(r) + "=" + std::to_string(index.Find(rec.id));
      for (size_t f = 2; f < plan.fields().size(); ++f) {
        const Value* v = index.field(r, static_cast<int>(f));
        out += v ? "," + std::to_string(v->number) : ",_";
      }
    }
    out += "\n";
  }
  return out;
}

TEST(EvidenceIndex, RollbackRestoresExactly) {
  auto c = Compile(kCriteria);
  Evidence ev;
  for (int i = 0; i < 12; ++i) {
    ev.records.push_back(
        Rec("R" + std::to_string(i), i % 3 ? "a" : "b", {{i % 3 ? "x" : "y", N(i)}}));
  }
  EvidenceIndex index(c->plan(), ev);
  const std::string before = Snapshot(c->plan(), index);
  std::mt19937 rng(7);
  std::deque<Record> owned;
  for (int round = 0; round < 200; ++round) {
    index.Checkpoint();
    const int edits = std::uniform_int_distribution<int>(1, 8)(rng);
    for (int e = 0; e < edits; ++e) {
      const std::string id = "R" + std::to_string(std::uniform_int_distribution<int>(0, 14)(rng));
      switch (std::uniform_int_distribution<int>(0, 2)(rng)) {
        case 0:
          owned.push_back(
              Rec(id, std::bernoulli_distribution(0.5)(rng) ? "a" : "b", {{"x", N(round)}}));
          index.Add(&owned.back());
          break;
        case 1: {
          const int pos = index.Find(id);
          if (pos < 0) break;
          owned.push_back(index.record(static_cast<uint32_t>(pos)));
          owned.back().Set("x", N(-round));
          owned.back().kind = std::bernoulli_distribution(0.2)(rng) ? "b" : owned.back().kind;
          index.Replace(id, &owned.back());
          break;
        }
        default:
          index.Remove(id);
          break;
      }
    }
    EXPECT_FALSE(index.touched_kinds().empty() && edits > 0 &&
                 Snapshot(c->plan(), index) != before);
    index.Rollback();
    ASSERT_EQ(Snapshot(c->plan(), index), before) << "round " << round;
    EXPECT_TRUE(index.touched_kinds().empty());
  }
}

// Random evidence: up to 40 records of kinds a, b and one the criteria do
// not declare, with the declared field, an undeclared one or none, and now
// and then a repeated id (the first one wins).
Evidence RandomEvidence(std::mt19937& rng) {
  Evidence ev;
  const int n = std::uniform_int_distribution<int>(0, 40)(rng);
  for (int i = 0; i < n; ++i) {
    const int kind = std::uniform_int_distribution<int>(0, 5)(rng);
    const char* name = kind < 3 ? "a" : kind < 5 ? "b" : "zzz";
    const char* field = rng() % 7 == 0 ? "other" : kind < 3 ? "x" : "y";
    const std::string id = "R" + std::to_string(rng() % 10 == 0 ? 0 : i);
    Record r = Rec(id, name, {{field, N(i)}});
    if (rng() % 5 == 0) r.fields.clear();
    ev.records.push_back(std::move(r));
  }
  return ev;
}

TEST(EvidenceIndex, RebuiltEqualsBuiltAfresh) {
  auto c = Compile(kCriteria);
  std::mt19937 rng(11);
  std::vector<Evidence> evidence;
  for (int i = 0; i < 60; ++i) evidence.push_back(RandomEvidence(rng));
  EvidenceIndex reused(c->plan(), evidence[0]);
  Record extra = Rec("EXTRA", "a", {{"x", N(99)}});
  for (size_t k = 1; k < evidence.size(); ++k) {
    // Leave edits behind now and then: a rebuild forgets them.
    if (k % 3 == 0) {
      reused.Checkpoint();
      reused.Add(&extra);
      if (reused.Find("R1") >= 0) reused.Remove("R1");
    }
    reused.Rebuild(evidence[k]);
    const EvidenceIndex fresh(c->plan(), evidence[k]);
    ASSERT_EQ(Snapshot(c->plan(), reused), Snapshot(c->plan(), fresh)) << "evidence " << k;
    EXPECT_TRUE(reused.touched_kinds().empty());
    EXPECT_EQ(&reused.evidence(), &evidence[k]);
    reused.Rollback();  // nothing logged since the rebuild: nothing undone
    ASSERT_EQ(Snapshot(c->plan(), reused), Snapshot(c->plan(), fresh)) << "evidence " << k;
  }
}

}  // namespace
}  // namespace cchc::testutil::evidence_index_test
