// Applying scenario effects to a copy of the base index.
#include "engine/analysis/whatif.h"

#include <cmath>

namespace cchc {

WhatIf::WhatIf(const Plan& plan, const Evidence& base)
    : plan_(plan),
      base_(base),
      base_index_(plan, base),
      scorer_(plan),
      quick_scorer_(plan),
      work_(base_index_),
      cache_(plan) {
  base_card_ = scorer_.Score(base_index_);
  scratch_ = base_card_;
  quick_scorer_.set_explain(false);
  cache_.Reset(work_);
  quick_scorer_.set_cache(&cache_);
}

void WhatIf::ApplyOne(const Effect& e, std::vector<std::string>* problems) {
  auto problem = [&](std::string why) {
    if (problems) problems->push_back(std::move(why));
  };
  switch (e.op) {
    case Effect::Op::kAdd:
      owned_.push_back(e.record);
      if (!work_.Add(&owned_.back())) {
        problem("add: record \"" + e.record.id + "\" already exists");
        return;
      }
      cache_.Enter(work_, static_cast<uint32_t>(work_.Find(e.record.id)));
      return;
    case Effect::Op::kSet: {
      const int pos = work_.Find(e.id);
      if (pos < 0) {
        problem("set: no record \"" + e.id + "\"");
        return;
      }
      Record changed = work_.record(static_cast<uint32_t>(pos));
      for (const auto& [name, value] : e.record.fields) changed.Set(name, value);
      owned_.push_back(std::move(changed));
      cache_.Leave(work_, static_cast<uint32_t>(pos));
      work_.Replace(e.id, &owned_.back());
      cache_.Enter(work_, static_cast<uint32_t>(pos));
      return;
    }
    case Effect::Op::kRemove: {
      const int pos = work_.Find(e.id);
      if (pos < 0) {
        problem("remove: no record \"" + e.id + "\"");
        return;
      }
      cache_.Leave(work_, static_cast<uint32_t>(pos));
      work_.Remove(e.id);
      return;
    }
  }
}

Scorecard WhatIf::Apply(const std::vector<Effect>& effects, std::vector<std::string>* problems) {
  return ApplyAll({&effects}, problems);
}

Scorecard WhatIf::ApplyAll(const std::vector<const std::vector<Effect>*>& lists,
                           std::vector<std::string>* problems) {
  return Rescored(lists, problems, /*explain=*/true);
}

const Scorecard& WhatIf::Rescored(const std::vector<const std::vector<Effect>*>& lists,
                                  std::vector<std::string>* problems, bool explain) {
  // work_ equals the base here: every call rolls its edits back.
  work_.Checkpoint();
  owned_.clear();
  for (const auto* list : lists) {
    for (const Effect& e : *list) ApplyOne(e, problems);
  }
  // Put back the items the previous call changed (all of them when it
  // explained and this call does not, or the other way round), then re-score.
  if (explain != scratch_explained_) {
    scratch_ = base_card_;
    dirty_.clear();
    scratch_explained_ = explain;
  }
  for (int i : dirty_)
    scratch_.items[static_cast<size_t>(i)] = base_card_.items[static_cast<size_t>(i)];
  dirty_.clear();
  if (explain) {
    scorer_.Rescore(work_, work_.touched_kinds(), &scratch_, &dirty_);
  } else {
    // Only the items whose cached aggregates moved, or that walk an edited
    // kind themselves.
    cache_.Changed(work_.touched_kinds(), /*update_reference=*/false, &dirty_);
    quick_scorer_.RescoreItems(work_, dirty_, &scratch_);
  }
  cache_.Restore();
  work_.Rollback();
  return scratch_;
}

ScoreDiff Diff(const Scorecard& before, const Scorecard& after) {
  ScoreDiff d;
  d.percent_before = before.percent;
  d.percent_after = after.percent;
  d.band_before = before.band;
  d.band_after = after.band;
  for (size_t i = 0; i < before.items.size() && i < after.items.size(); ++i) {
    const ItemScore& a = before.items[i];
    const ItemScore& b = after.items[i];
    if (std::fabs(a.points - b.points) > 1e-12 || a.status != b.status || a.max != b.max) {
      d.items.push_back({a.index, a.points, b.points, a.status, b.status});
    }
  }
  for (size_t i = 0; i < before.areas.size() && i < after.areas.size(); ++i) {
    d.areas.emplace_back(before.areas[i].points, after.areas[i].points);
  }
  return d;
}

}  // namespace cchc
