// The one rule a fund's balance obeys, however many grants land at once: it never goes below zero.
// Guidelines, Discretionary Funding: the fund is "made available to each Community Connector"; a
// grant larger than what is left cannot be paid from it. assessGrantRequest checks the balance the
// connector saw; two requests assessed against the same balance can both pass, so the debit itself
// checks again against the balance at that moment. The database does the same in one statement
// (UPDATE ... SET balance = balance - amount WHERE balance >= amount); this is that rule, for tests
// and for the in-memory adapters.

export type FundDebit = { ok: true; balanceCents: number } | { ok: false; shortByCents: number }

/** Takes `amountCents` from `balanceCents` if it is there; otherwise says how much is missing. */
export function debitFund(balanceCents: number, amountCents: number): FundDebit {
  if (!Number.isSafeInteger(balanceCents) || balanceCents < 0) {
    throw new RangeError(`balanceCents must be a whole number of cents, 0 or more; got ${balanceCents}`)
  }
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0) {
    throw new RangeError(`amountCents must be a whole number of cents above 0; got ${amountCents}`)
  }
  if (amountCents > balanceCents) return { ok: false, shortByCents: amountCents - balanceCents }
  return { ok: true, balanceCents: balanceCents - amountCents }
}
