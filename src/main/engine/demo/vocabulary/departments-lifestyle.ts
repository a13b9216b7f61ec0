import {
  AGE_RANGE, APPAREL_COLOUR, APPAREL_SIZE, BAG_WEIGHT_KG, BRIGHT_COLOUR, GENDER, PACK_COUNT, PIECES, SHOE_SIZE, VOLUME_ML,
} from './attribute-axes';
import { axis, type Department } from './types';

/** Departments a shopper buys for themselves: beauty, fashion, sport, toys and pets. */

const SKIN_TYPE = axis('skinType', ['All Skin Types', 'Dry Skin', 'Oily Skin', 'Sensitive Skin', 'Combination Skin'], 'none');
const CYCLING_COLOUR = axis('colour', ['Black', 'White', 'Hi-Vis Yellow', 'Red', 'Grey']);
const HAIR_TYPE = axis('hairType', ['All Hair Types', 'Curly Hair', 'Fine Hair', 'Colour-Treated Hair', 'Dry Hair'], 'none');

export const BEAUTY: Department = {
  name: 'Beauty',
  brands: ['Lumora', 'Velisse', 'Dermaya', 'Aurelle', 'Purelune', 'Skinvale', 'Mirabloom', 'Noctera'],
  leaves: [
    {
      path: ['Skin Care', 'Moisturizers'],
      nouns: ['Face Moisturizer', 'Day Cream', 'Night Cream', 'Gel Moisturizer', 'Face Lotion'],
      adjectives: ['Hydrating', 'Lightweight', 'Oil-Free', 'Fragrance-Free', 'Nourishing', 'Soothing', 'Rich', 'Daily'],
      features: ['Hyaluronic Acid', 'Ceramides', 'SPF 30', 'Niacinamide', 'Shea Butter', 'Vitamin C'],
      medianPrice: 24, axes: [VOLUME_ML, SKIN_TYPE], consumable: true,
    },
    {
      path: ['Skin Care', 'Cleansers'],
      nouns: ['Facial Cleanser', 'Foaming Face Wash', 'Cleansing Balm', 'Micellar Water', 'Cleansing Oil'],
      adjectives: ['Gentle', 'Foaming', 'Purifying', 'Exfoliating', 'pH-Balanced', 'Fragrance-Free', 'Clarifying'],
      features: ['Salicylic Acid', 'Green Tea', 'Glycolic Acid', 'Aloe Vera', 'Charcoal'],
      medianPrice: 14, axes: [VOLUME_ML, SKIN_TYPE], consumable: true,
    },
    {
      path: ['Makeup', 'Lipstick'],
      nouns: ['Lipstick', 'Liquid Lipstick', 'Lip Tint', 'Lip Gloss', 'Lip Crayon'],
      adjectives: ['Matte', 'Satin', 'Long-Lasting', 'Creamy', 'Sheer', 'Velvet', 'Transfer-Proof', 'High-Shine'],
      features: ['Vitamin E', 'Jojoba Oil', 'Hyaluronic Acid'],
      medianPrice: 18,
      axes: [axis('shade', ['Ruby Red', 'Nude Beige', 'Berry', 'Coral', 'Mauve', 'Rosewood', 'Plum', 'Peach'], 'suffix', 'Shade {v}')],
      consumable: true,
    },
    {
      path: ['Hair Care', 'Shampoo'],
      nouns: ['Shampoo', 'Clarifying Shampoo', 'Shampoo Bar', 'Dry Shampoo', 'Volumizing Shampoo'],
      adjectives: ['Sulfate-Free', 'Moisturizing', 'Strengthening', 'Repairing', 'Gentle', 'Anti-Frizz', 'Herbal'],
      features: ['Argan Oil', 'Keratin', 'Biotin', 'Tea Tree Oil', 'Coconut Oil'],
      medianPrice: 12, axes: [VOLUME_ML, HAIR_TYPE], consumable: true,
    },
  ],
};

export const FASHION: Department = {
  name: 'Fashion',
  brands: ['Stridelab', 'Northloom', 'Vellora', 'Threadline', 'Maison Kaleo', 'Urbanfolk', 'Corvane', 'Halden & Rue'],
  leaves: [
    {
      path: ['Shoes', 'Running'],
      nouns: ['Running Shoes', 'Trail Running Shoes', 'Road Running Shoes', 'Racing Flats'],
      adjectives: ['Lightweight', 'Cushioned', 'Breathable', 'Responsive', 'Waterproof', 'Stability', 'Neutral'],
      features: ['Carbon Plate', 'Recycled Mesh Upper', 'Grip Outsole', 'Memory Foam Insole'],
      medianPrice: 95, axes: [GENDER, APPAREL_COLOUR, SHOE_SIZE], series: true,
    },
    {
      path: ['Shoes', 'Sneakers'],
      nouns: ['Sneakers', 'Low-Top Sneakers', 'High-Top Sneakers', 'Slip-On Sneakers'],
      adjectives: ['Classic', 'Leather', 'Canvas', 'Retro', 'Minimalist', 'Platform', 'Everyday'],
      features: ['Cushioned Footbed', 'Gum Sole', 'Vegan Leather'],
      medianPrice: 70, axes: [GENDER, APPAREL_COLOUR, SHOE_SIZE],
    },
    {
      path: ['Women', 'Dresses'],
      nouns: ['Midi Dress', 'Maxi Dress', 'Wrap Dress', 'Shirt Dress', 'Slip Dress'],
      adjectives: ['Floral', 'Linen', 'Pleated', 'Sleeveless', 'Flowy', 'Ribbed', 'Tiered', 'Casual'],
      features: ['Pockets', 'Tie Waist', 'Puff Sleeves', 'Side Slit'],
      medianPrice: 55, axes: [APPAREL_COLOUR, APPAREL_SIZE],
    },
    {
      path: ['Men', 'Jackets'],
      nouns: ['Puffer Jacket', 'Rain Jacket', 'Denim Jacket', 'Bomber Jacket', 'Fleece Jacket'],
      adjectives: ['Insulated', 'Waterproof', 'Packable', 'Windproof', 'Quilted', 'Lightweight', 'Hooded'],
      features: ['Zip Pockets', 'Detachable Hood', 'Recycled Fill', 'Taped Seams'],
      medianPrice: 89, axes: [APPAREL_COLOUR, APPAREL_SIZE],
    },
    {
      path: ['Accessories', 'Bags'],
      nouns: ['Backpack', 'Tote Bag', 'Crossbody Bag', 'Duffel Bag', 'Laptop Bag'],
      adjectives: ['Water-Resistant', 'Leather', 'Canvas', 'Minimalist', 'Travel', 'Roll-Top', 'Convertible'],
      features: ['Laptop Sleeve', 'Hidden Pocket', 'Padded Straps', 'Magnetic Closure'],
      medianPrice: 49, axes: [APPAREL_COLOUR, axis('capacityL', [12, 20, 28, 35], 'suffix', '{v} L', 1.15)],
    },
  ],
};

export const SPORTS: Department = {
  name: 'Sports',
  brands: ['Zenora', 'Trailforge', 'Apexa', 'Corefit', 'Ridgeline', 'Summitra', 'Pacewell', 'Ironvale'],
  leaves: [
    {
      path: ['Fitness', 'Yoga'],
      nouns: ['Yoga Mat', 'Yoga Block', 'Yoga Strap', 'Yoga Mat Bag', 'Yoga Wheel'],
      adjectives: ['Non-Slip', 'Extra Thick', 'Eco-Friendly', 'Lightweight', 'Travel', 'Cork', 'Cushioned'],
      features: ['Carrying Strap', 'Alignment Lines', 'Natural Rubber Base'],
      medianPrice: 29, axes: [axis('thicknessMm', [3, 4, 6, 8], 'suffix', '{v} mm', 1.1), BRIGHT_COLOUR],
    },
    {
      path: ['Fitness', 'Weights'],
      nouns: ['Dumbbell Set', 'Kettlebell', 'Adjustable Dumbbells', 'Weight Plates', 'Barbell Set'],
      adjectives: ['Rubber-Coated', 'Cast Iron', 'Hex', 'Neoprene', 'Home Gym', 'Compact'],
      features: ['Storage Rack', 'Anti-Roll Design', 'Ergonomic Handle'],
      medianPrice: 79, axes: [axis('weightKg', [4, 8, 12, 16, 24], 'suffix', '{v} kg', 1.3)],
    },
    {
      path: ['Cycling', 'Accessories'],
      nouns: ['Bike Helmet', 'Bike Light Set', 'Bike Lock', 'Cycling Gloves', 'Bike Pump'],
      adjectives: ['Rechargeable', 'Lightweight', 'Reflective', 'Heavy-Duty', 'Aero', 'Compact'],
      features: ['USB Charging', 'MIPS Protection', 'Mounting Bracket', 'Pressure Gauge'],
      medianPrice: 35, axes: [CYCLING_COLOUR], series: true,
    },
    {
      path: ['Outdoor', 'Camping'],
      nouns: ['Camping Tent', 'Sleeping Bag', 'Camping Chair', 'Headlamp', 'Camp Stove'],
      adjectives: ['Ultralight', 'Waterproof', '3-Season', 'Portable', 'Foldable', 'Insulated', 'Backpacking'],
      features: ['Carry Bag', 'Rainfly', 'Compression Sack', 'Red Light Mode'],
      medianPrice: 89, axes: [axis('capacity', ['1-Person', '2-Person', '4-Person', '6-Person'], 'lead', '{v}', 1.35)], series: true,
    },
  ],
};

export const TOYS: Department = {
  name: 'Toys',
  brands: ['Brickwise', 'Tumbletot', 'Playvana', 'Wonderkin', 'Puzzlecraft', 'Jollyroo', 'Kidora'],
  leaves: [
    {
      path: ['Building', 'Construction Sets'],
      nouns: ['Building Set', 'Brick Set', 'Magnetic Tiles', 'Marble Run', 'Engineering Kit'],
      adjectives: ['Creative', 'STEM', 'Classic', 'Deluxe', 'Starter', 'Castle', 'Space Station'],
      features: ['Storage Box', 'Idea Booklet', 'Motorised Parts'],
      medianPrice: 39, axes: [PIECES, AGE_RANGE],
    },
    {
      path: ['Games', 'Board Games'],
      nouns: ['Board Game', 'Strategy Game', 'Card Game', 'Family Game', 'Party Game'],
      adjectives: ['Cooperative', 'Fast-Paced', 'Family', 'Classic', 'Trivia', 'Word', 'Adventure'],
      features: ['Expansion Pack', 'Collector Tokens', '2 to 6 Players'],
      medianPrice: 29, axes: [AGE_RANGE],
    },
    {
      path: ['Games', 'Puzzles'],
      nouns: ['Jigsaw Puzzle', '3D Puzzle', 'Brain Teaser Set', 'Floor Puzzle'],
      adjectives: ['Landscape', 'Animal', 'Map', 'Panoramic', 'Glow-in-the-Dark', 'Wooden', 'Vintage'],
      features: ['Poster Guide', 'Sorting Trays'],
      medianPrice: 19, axes: [PIECES],
    },
    {
      path: ['Plush', 'Stuffed Animals'],
      nouns: ['Plush Bear', 'Stuffed Bunny', 'Plush Dinosaur', 'Cuddly Unicorn', 'Plush Penguin'],
      adjectives: ['Soft', 'Fluffy', 'Huggable', 'Sleepy', 'Weighted', 'Handmade'],
      features: ['Gift Box', 'Washable Fabric'],
      medianPrice: 22, axes: [axis('heightCm', [15, 25, 40, 60], 'suffix', '{v} cm', 1.4), BRIGHT_COLOUR],
    },
  ],
};

export const PETS: Department = {
  name: 'Pets',
  brands: ['Whiskerly', 'Barkhaven', 'Furnest', 'Tailwise', 'Kibblecraft', 'Pawmaven', 'Snoutly'],
  leaves: [
    {
      path: ['Dog', 'Food'],
      nouns: ['Dry Dog Food', 'Wet Dog Food', 'Puppy Food', 'Dog Treats', 'Dental Chews'],
      adjectives: ['Grain-Free', 'High-Protein', 'Salmon', 'Chicken and Rice', 'Senior', 'Small Breed', 'Natural'],
      features: ['Probiotics', 'Omega-3', 'Real Meat First'],
      medianPrice: 35, axes: [BAG_WEIGHT_KG], consumable: true,
    },
    {
      path: ['Dog', 'Toys'],
      nouns: ['Chew Toy', 'Rope Toy', 'Squeaky Toy', 'Fetch Ball', 'Puzzle Feeder'],
      adjectives: ['Durable', 'Interactive', 'Tough', 'Floating', 'Treat-Dispensing', 'Plush'],
      features: ['Natural Rubber', 'Squeaker Inside'],
      medianPrice: 12, axes: [axis('size', ['Small', 'Medium', 'Large'], 'suffix', 'Size {v}', 1.2), PACK_COUNT],
    },
    {
      path: ['Cat', 'Litter'],
      nouns: ['Clumping Cat Litter', 'Litter Box', 'Litter Mat', 'Litter Scoop', 'Litter Liners'],
      adjectives: ['Unscented', 'Low-Dust', 'Odour-Control', 'Covered', 'Self-Cleaning', 'Clay'],
      features: ['Activated Charcoal', 'Carbon Filter'],
      medianPrice: 22, axes: [BAG_WEIGHT_KG], consumable: true,
    },
    {
      path: ['Cat', 'Furniture'],
      nouns: ['Cat Tree', 'Scratching Post', 'Cat Bed', 'Cat Cave', 'Window Perch'],
      adjectives: ['Multi-Level', 'Sisal', 'Cozy', 'Modern', 'Felt', 'Plush', 'Wall-Mounted'],
      features: ['Hanging Toy', 'Washable Cushion'],
      medianPrice: 45, axes: [axis('colour', ['Grey', 'Beige', 'Charcoal', 'Cream'])], series: true,
    },
  ],
};
