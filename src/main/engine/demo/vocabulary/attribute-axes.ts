import { axis } from './types';

/** Attribute axes shared by several leaf categories. */

export const APPAREL_COLOUR = axis('colour', [
  'Black', 'White', 'Navy', 'Heather Grey', 'Olive', 'Burgundy', 'Sand', 'Forest Green', 'Dusty Pink', 'Cobalt Blue',
]);
export const DEVICE_COLOUR = axis('colour', ['Matte Black', 'White', 'Silver', 'Space Grey', 'Midnight Blue', 'Rose Gold', 'Sage Green']);
export const HOME_COLOUR = axis('colour', ['Ivory', 'Charcoal', 'Sage', 'Terracotta', 'Slate Blue', 'Oatmeal', 'Blush', 'White']);
export const BRIGHT_COLOUR = axis('colour', ['Red', 'Blue', 'Yellow', 'Green', 'Purple', 'Orange', 'Teal', 'Pink']);
export const APPAREL_SIZE = axis('size', ['XS', 'S', 'M', 'L', 'XL', 'XXL'], 'suffix', 'Size {v}');
export const SHOE_SIZE = axis('size', [5, 6, 7, 8, 9, 10, 11, 12, 13], 'suffix', 'Size {v}');
export const GENDER = axis('gender', ["Men's", "Women's", 'Unisex'], 'lead');
export const PACK_COUNT = axis('packCount', [1, 2, 3, 6, 12], 'suffix', 'Pack of {v}', 1.6);
export const VOLUME_ML = axis('volumeMl', [30, 50, 100, 200, 400], 'suffix', '{v} ml', 1.35);
export const WEIGHT_G = axis('weightG', [250, 500, 1000], 'suffix', '{v} g', 1.7);
export const BAG_WEIGHT_KG = axis('weightKg', [1.5, 3, 6, 12], 'suffix', '{v} kg', 1.7);
export const AGE_RANGE = axis('ageRange', ['3+', '5+', '8+', '12+'], 'suffix', 'Ages {v}');
export const PIECES = axis('pieces', [100, 250, 500, 1000], 'suffix', '{v} Pieces', 1.25);
export const SCENT = axis('scent', ['Lavender', 'Vanilla', 'Sandalwood', 'Fresh Linen', 'Citrus', 'Eucalyptus', 'Fig', 'Sea Salt'], 'noun');
