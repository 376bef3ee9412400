/**
 * One request inside the serving simulation (internal, mutable; results leave
 * as plain arrays of latencies).
 */
export interface ServingRequest {
  id: number;
  arrival: number;
  input: number;
  output: number;
  /** Tokens to prefill: the prompt, or prompt + generated tokens after a preemption (recompute). */
  prefillLength: number;
  /** Of those, already prefilled. */
  prefilled: number;
  /** Output tokens produced so far. */
  generated: number;
  firstTokenAt: number;
  /** Decode-iteration index of the replica at which the last token is produced. */
  finishIteration: number;
  /** Admission order on its replica (the most recent is preempted first). */
  admittedSeq: number;
  preemptions: number;
  /** Closed-loop client that sent it (-1 for open traffic). */
  client: number;
}

export function newRequest(id: number, arrival: number, input: number, output: number, client = -1): ServingRequest {
  return {
    id, arrival, input, output, prefillLength: input, prefilled: 0, generated: 0,
    firstTokenAt: NaN, finishIteration: 0, admittedSeq: 0, preemptions: 0, client,
  };
}
