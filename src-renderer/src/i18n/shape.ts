/**
 * The shape every locale must have: the English tree with strings as leaves.
 * Only a counted text's `_other` form is required everywhere: Chinese has no
 * `_one` (i18next uses the forms of Intl.PluralRules for the language).
 */
export type Shape<T> = {
  [K in keyof T as K extends `${string}_one` ? never : K]: T[K] extends string ? string : Shape<T[K]>;
} & { [K in keyof T as K extends `${string}_one` ? K : never]?: string };
