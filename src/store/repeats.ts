/**
 * Forms of one file that share a year, unit and project. They are never versions of each other:
 * an identical repeat is stored once (and the kept form says so); a repeat with other content is
 * stored beside the first, each flagged with the other's place, so nothing is hidden from search,
 * export or sums.
 */
import { makeIssue } from '../issues.js';
import type { DeclarationRecord, Issue } from '../model.js';
import { recordsToChanges } from './diff.js';
import { formToKey } from './form-key.js';

/** What the store does with a file's forms before storing them one by one. */
export interface RepeatPlan {
  /** Form index → the earlier form index of the same file it repeats exactly: not stored. */
  repeats: Map<number, number>;
  /** Form index → the issues the store adds to that form. */
  issues: Map<number, Issue[]>;
}

/** Finds a file's repeated forms (by identity key) and the issues each kept form gets. */
export function formsToRepeatPlan(forms: readonly { formIndex: number; record: DeclarationRecord }[]): RepeatPlan {
  const plan: RepeatPlan = { repeats: new Map(), issues: new Map() };
  const add = (formIndex: number, issue: Issue): void => {
    const list = plan.issues.get(formIndex) ?? [];
    list.push(issue);
    plan.issues.set(formIndex, list);
  };
  const byKey = new Map<string, { formIndex: number; record: DeclarationRecord }[]>();
  for (const form of forms) {
    const key = formToKey(form.record.year, form.record.unitName, form.record.projectName);
    if (key === null) continue;
    const group = byKey.get(key) ?? [];
    group.push(form);
    byKey.set(key, group);
  }
  for (const group of byKey.values()) {
    if (group.length < 2) continue;
    const kept: { formIndex: number; record: DeclarationRecord }[] = [];
    for (const form of group) {
      const same = kept.find((k) => recordsToChanges(k.record, form.record).length === 0);
      if (same) {
        plan.repeats.set(form.formIndex, same.formIndex);
        add(same.formIndex, makeIssue('store.repeated-form', null, { other: form.formIndex }));
      } else kept.push(form);
    }
    for (const a of kept)
      for (const b of kept) if (a !== b) add(a.formIndex, makeIssue('store.same-key-in-file', null, { other: b.formIndex }));
  }
  return plan;
}
