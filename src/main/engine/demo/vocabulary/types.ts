/** Shapes of the demo shop's vocabulary: departments, their brands and leaf categories. */

/** Where an attribute's value appears in a listing title, if at all. */
export type TitlePlacement = 'lead' | 'noun' | 'suffix' | 'none';

/** One attribute a product in a leaf category varies by (colour, size, volume ...). */
export interface AttributeAxis {
  /** Attribute name on the catalogue item, e.g. `colour`. */
  readonly key: string;
  readonly values: readonly (string | number)[];
  /** `lead` right after the brand, `noun` just before the product noun, `suffix` after a comma. */
  readonly placement: TitlePlacement;
  /** How the value reads in a title; `{v}` is replaced by the value. */
  readonly format: string;
  /** Price factor per step along `values` (bigger packs cost more); 1 when the axis does not move the price. */
  readonly priceStep: number;
}

export interface LeafCategory {
  /** The last segments of the path below the department, e.g. `['Skin Care', 'Moisturizers']`. */
  readonly path: readonly [string, string];
  /** Product nouns as they read in titles ("Face Moisturizer"); the first is the most generic. */
  readonly nouns: readonly string[];
  /** Descriptive words shoppers also type into search ("Hydrating"). */
  readonly adjectives: readonly string[];
  /** Selling points added as "with ..." to some titles. */
  readonly features: readonly string[];
  readonly medianPrice: number;
  readonly axes: readonly AttributeAxis[];
  /** Whether listings carry a product-line name after the brand ("Pro", "Air 2"). */
  readonly series?: boolean;
  /** Bought several at a time (food, cosmetics, pens). */
  readonly consumable?: boolean;
}

export interface Department {
  readonly name: string;
  /** Invented brand names sold in this department. */
  readonly brands: readonly string[];
  readonly leaves: readonly LeafCategory[];
}

export function axis(
  key: string,
  values: readonly (string | number)[],
  placement: TitlePlacement = 'suffix',
  format = '{v}',
  priceStep = 1,
): AttributeAxis {
  return { key, values, placement, format, priceStep };
}
