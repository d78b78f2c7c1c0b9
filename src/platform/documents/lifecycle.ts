// A document lifecycle as data: the statuses, the named transitions between them, and the other
// actions each status allows (edit, log an activity …). Pure and typed: a module defines its
// lifecycle once (`defineLifecycle`) and asks it — the services before they change a row, the
// pages before they offer a button, the repo for the `from` statuses of an UPDATE. Which *person*
// may act is the module's policy; whether the *document* allows it is here.

/** A named step from any of `from` to `to`. */
export type TransitionSpec<S extends string> = { readonly from: readonly S[]; readonly to: S };

export type LifecycleSpec<S extends string, T extends string, A extends string> = {
  /** Every status, in the order of the life of a document (the first is where a new one starts). */
  readonly states: readonly S[];
  readonly transitions: { readonly [K in T]: TransitionSpec<S> };
  /** Actions that do not change the status, and the statuses in which they are allowed. */
  readonly allows: { readonly [K in A]: readonly S[] };
};

export type Lifecycle<S extends string, T extends string, A extends string> = LifecycleSpec<S, T, A> & {
  /** The status a new document starts in. */
  readonly initial: S;
  /** Whether some transition leads from `from` to `to`. */
  canTransition(from: S, to: S): boolean;
  /** The transition's target if `name` may be taken from `status`, else null. */
  target(status: S, name: T): S | null;
  /** Whether `status` allows the action or transition `action`. */
  statusAllows(status: S, action: T | A): boolean;
  /** The statuses from which `action` (a transition or an action) is allowed. */
  statusesAllowing(action: T | A): readonly S[];
  /** Transitions that may be taken from `status`, in declaration order. */
  transitionsFrom(status: S): T[];
};

/**
 * Check and freeze a lifecycle definition. Throws at module load when a transition or action
 * names an unknown status, a name is both a transition and an action, or a status cannot be
 * reached from the initial one (a typo the type system cannot see in a string array).
 */
export function defineLifecycle<const S extends string, const T extends string, const A extends string>(spec: {
  readonly states: readonly S[];
  readonly transitions: { readonly [K in T]: TransitionSpec<NoInfer<S>> };
  readonly allows: { readonly [K in A]: readonly NoInfer<S>[] };
}): Lifecycle<S, T, A> {
  const states = new Set<string>(spec.states);
  const initial = spec.states[0];
  if (initial === undefined) throw new Error("livscykeln saknar statusar");
  const transitions = Object.entries(spec.transitions) as Array<[T, TransitionSpec<S>]>;
  const allows = Object.entries(spec.allows) as Array<[A, readonly S[]]>;
  for (const [name, tr] of transitions) {
    for (const s of [...tr.from, tr.to]) if (!states.has(s)) throw new Error(`övergången "${name}" nämner en okänd status "${s}"`);
    if (name in spec.allows) throw new Error(`"${name}" är både en övergång och en handling`);
  }
  for (const [name, list] of allows) for (const s of list) if (!states.has(s)) throw new Error(`handlingen "${name}" nämner en okänd status "${s}"`);
  const reached = new Set<string>([initial]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [, tr] of transitions)
      if (!reached.has(tr.to) && tr.from.some((s) => reached.has(s))) {
        reached.add(tr.to);
        grew = true;
      }
  }
  const unreachable = spec.states.filter((s) => !reached.has(s));
  if (unreachable.length) throw new Error(`statusar som ingen övergång når: ${unreachable.join(", ")}`);

  const statusesAllowing = (action: T | A): readonly S[] => {
    const tr = (spec.transitions as Record<string, TransitionSpec<S>>)[action];
    if (tr) return tr.from;
    return (spec.allows as Record<string, readonly S[]>)[action] ?? [];
  };
  return Object.freeze({
    ...spec,
    initial,
    canTransition: (from: S, to: S) => transitions.some(([, tr]) => tr.to === to && tr.from.includes(from)),
    target: (status: S, name: T) => {
      const tr = spec.transitions[name];
      return tr.from.includes(status) ? tr.to : null;
    },
    statusAllows: (status: S, action: T | A) => statusesAllowing(action).includes(status),
    statusesAllowing,
    transitionsFrom: (status: S) => transitions.filter(([, tr]) => tr.from.includes(status)).map(([name]) => name),
  });
}
