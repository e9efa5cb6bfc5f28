/** The building blocks of the team API's schemas (team-wire.ts): a schema held to its contract type, and the plain values. */
import { z } from 'zod';

/** Every optional field made required, at every depth: a field one side lacks then shows. */
type Filled<T> = T extends readonly (infer Item)[] ? readonly Filled<Item>[] : T extends object ? { [K in keyof T]-?: Filled<T[K]> } : T;
type Same<A, B> = [Filled<A>] extends [Filled<B>] ? ([Filled<B>] extends [Filled<A>] ? unknown : never) : never;

/** The schema itself, accepted only when what it reads is exactly `T`: the same fields, typed the same. */
export const exact =
  <T>() =>
  <S extends z.ZodType<T>>(schema: S & Same<z.output<S>, T>): z.ZodType<T> =>
    schema;

export const text = z.string();
export const nullableText = text.nullable();
export const count = z.number();
export const nullableNumber = count.nullable();
export const list = <T extends z.ZodType>(item: T) => z.array(item).readonly();
