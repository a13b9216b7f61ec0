import { DEVICE_COLOUR, HOME_COLOUR, PACK_COUNT, SCENT, WEIGHT_G } from './attribute-axes';
import { axis, type Department } from './types';

/** Departments that furnish and run a household: electronics, home, grocery, office and garden. */

export const ELECTRONICS: Department = {
  name: 'Electronics',
  brands: ['Voltiq', 'Sonaro', 'Auralink', 'Kyrotech', 'Bytewave', 'Lumitron', 'Zentrix', 'Optiva'],
  leaves: [
    {
      path: ['Audio', 'Headphones'],
      nouns: ['Over-Ear Headphones', 'Wireless Earbuds', 'On-Ear Headphones', 'Headphones', 'Sport Earbuds'],
      adjectives: ['Wireless', 'Noise-Cancelling', 'Bluetooth', 'Foldable', 'Studio', 'Lightweight', 'Bass-Boost'],
      features: ['40-Hour Battery', 'Built-in Mic', 'Active Noise Cancellation', 'Quick Charge', 'Transparency Mode'],
      medianPrice: 79, axes: [DEVICE_COLOUR], series: true,
    },
    {
      path: ['Audio', 'Speakers'],
      nouns: ['Bluetooth Speaker', 'Portable Speaker', 'Soundbar', 'Smart Speaker', 'Bookshelf Speakers'],
      adjectives: ['Waterproof', 'Rugged', 'Compact', 'Wireless', '360-Degree', 'Party', 'Hi-Fi'],
      features: ['Deep Bass', 'Voice Assistant', '24-Hour Playtime', 'Stereo Pairing'],
      medianPrice: 59, axes: [DEVICE_COLOUR], series: true,
    },
    {
      path: ['Computers', 'Laptops'],
      nouns: ['Laptop', 'Ultrabook', '2-in-1 Laptop', 'Gaming Laptop', 'Chromebook'],
      adjectives: ['Thin', 'Lightweight', 'Touchscreen', 'Business', 'Creator', 'Long-Battery'],
      features: ['Backlit Keyboard', 'Fingerprint Reader', 'OLED Display', 'Wi-Fi 7'],
      medianPrice: 899,
      axes: [
        axis('screenInches', [13.3, 14, 15.6, 16], 'lead', '{v}-inch', 1.08),
        axis('storage', ['256 GB', '512 GB', '1 TB', '2 TB'], 'suffix', '{v} SSD', 1.22),
        DEVICE_COLOUR,
      ],
      series: true,
    },
    {
      path: ['Computers', 'Keyboards & Mice'],
      nouns: ['Mechanical Keyboard', 'Wireless Mouse', 'Keyboard and Mouse Combo', 'Ergonomic Mouse', 'Compact Keyboard'],
      adjectives: ['Wireless', 'Silent', 'RGB', 'Ergonomic', 'Low-Profile', 'Rechargeable', 'Gaming'],
      features: ['Hot-Swap Switches', 'Multi-Device Pairing', 'USB-C Charging'],
      medianPrice: 39, axes: [DEVICE_COLOUR], series: true,
    },
    {
      path: ['Mobile', 'Chargers'],
      nouns: ['Fast Charger', 'Wireless Charging Pad', 'Power Bank', 'USB-C Cable', 'Car Charger'],
      adjectives: ['Fast-Charging', 'Compact', 'Braided', 'Dual-Port', 'Magnetic', 'Travel'],
      features: ['GaN Technology', 'LED Indicator', 'Foldable Plug'],
      medianPrice: 25, axes: [axis('wattage', [20, 30, 45, 65, 100], 'lead', '{v}W', 1.15), DEVICE_COLOUR],
    },
  ],
};

export const HOME: Department = {
  name: 'Home',
  brands: ['Hearthwell', 'Oakhaven', 'Casamora', 'Brightnest', 'Kitchara', 'Dwellwise', 'Linenfold', 'Copperleaf'],
  leaves: [
    {
      path: ['Kitchen', 'Cookware'],
      nouns: ['Frying Pan', 'Saucepan', 'Dutch Oven', 'Wok', 'Skillet'],
      adjectives: ['Nonstick', 'Induction-Ready', 'Oven-Safe', 'Heavy-Duty', 'Tri-Ply', 'Enamelled'],
      features: ['Glass Lid', 'Stay-Cool Handle', 'Pour Spouts'],
      medianPrice: 45,
      axes: [
        axis('material', ['Stainless Steel', 'Cast Iron', 'Ceramic', 'Hard-Anodised Aluminium', 'Carbon Steel'], 'noun'),
        axis('diameterCm', [20, 24, 28, 30], 'suffix', '{v} cm', 1.15),
      ],
    },
    {
      path: ['Kitchen', 'Small Appliances'],
      nouns: ['Blender', 'Coffee Maker', 'Electric Kettle', 'Toaster', 'Air Fryer'],
      adjectives: ['Programmable', 'Compact', 'High-Speed', 'Digital', 'Stainless', 'Quiet'],
      features: ['Keep-Warm Function', 'Auto Shut-Off', 'Dishwasher-Safe Parts', 'Timer'],
      medianPrice: 69, axes: [HOME_COLOUR], series: true,
    },
    {
      path: ['Bedding', 'Sheets'],
      nouns: ['Sheet Set', 'Duvet Cover', 'Pillowcases', 'Fitted Sheet', 'Quilt'],
      adjectives: ['Breathable', 'Cooling', 'Ultra-Soft', 'Wrinkle-Resistant', 'Percale', 'Sateen', 'Washed'],
      features: ['Deep Pockets', 'Button Closure'],
      medianPrice: 59,
      axes: [
        axis('material', ['Cotton', 'Linen', 'Bamboo', 'Microfiber', 'Flannel'], 'noun'),
        axis('bedSize', ['Single', 'Double', 'Queen', 'King'], 'suffix', '{v}', 1.15),
        HOME_COLOUR,
      ],
    },
    {
      path: ['Decor', 'Candles'],
      nouns: ['Scented Candle', 'Candle Set', 'Pillar Candle', 'Soy Candle', 'Reed Diffuser'],
      adjectives: ['Hand-Poured', 'Long-Burning', 'Three-Wick', 'Natural', 'Luxury', 'Travel'],
      features: ['Wooden Wick', 'Gift Box', 'Essential Oils'],
      medianPrice: 19, axes: [SCENT, axis('burnHours', [20, 40, 60], 'suffix', '{v}-Hour Burn', 1.3)], consumable: true,
    },
    {
      path: ['Bath', 'Towels'],
      nouns: ['Bath Towel Set', 'Hand Towels', 'Bath Sheet', 'Washcloths', 'Beach Towel'],
      adjectives: ['Plush', 'Quick-Dry', 'Absorbent', 'Waffle', 'Hotel-Quality', 'Organic'],
      features: ['Hanging Loops', 'Turkish Cotton'],
      medianPrice: 29, axes: [HOME_COLOUR, PACK_COUNT],
    },
  ],
};

export const GROCERY: Department = {
  name: 'Grocery',
  brands: ['Harvest Lane', 'Greenacre', 'Bellamonte', 'Oatfield', 'Sunvale', 'Kettleby', 'Morning Mill', 'Pantrywise'],
  leaves: [
    {
      path: ['Coffee & Tea', 'Coffee'],
      nouns: ['Whole Bean Coffee', 'Ground Coffee', 'Espresso Beans', 'Coffee Pods', 'Cold Brew Coffee'],
      adjectives: ['Dark Roast', 'Medium Roast', 'Single-Origin', 'Organic', 'Fair Trade', 'Decaf', 'Smooth'],
      features: ['Chocolate Notes', 'Resealable Bag'],
      medianPrice: 14, axes: [WEIGHT_G], consumable: true,
    },
    {
      path: ['Coffee & Tea', 'Tea'],
      nouns: ['Green Tea', 'Herbal Tea', 'Black Tea', 'Chai Tea', 'Loose Leaf Tea'],
      adjectives: ['Organic', 'Caffeine-Free', 'Calming', 'Breakfast', 'Jasmine', 'Peppermint', 'Earl Grey'],
      features: ['Biodegradable Tea Bags', 'Tin Caddy'],
      medianPrice: 8, axes: [axis('teaBags', [20, 40, 80], 'suffix', '{v} Tea Bags', 1.6)], consumable: true,
    },
    {
      path: ['Snacks', 'Nuts & Bars'],
      nouns: ['Trail Mix', 'Mixed Nuts', 'Roasted Almonds', 'Protein Bars', 'Granola Bars'],
      adjectives: ['Lightly Salted', 'Unsalted', 'Honey Roasted', 'Keto', 'Gluten-Free', 'Dark Chocolate'],
      features: ['No Added Sugar', '12 g Protein'],
      medianPrice: 9, axes: [PACK_COUNT], consumable: true,
    },
    {
      path: ['Pantry', 'Pasta & Sauces'],
      nouns: ['Spaghetti', 'Penne Pasta', 'Pasta Sauce', 'Basil Pesto', 'Fusilli'],
      adjectives: ['Whole Wheat', 'Bronze-Cut', 'Organic', 'Tomato Basil', 'Arrabbiata', 'Gluten-Free'],
      features: ['Italian Durum Wheat', 'No Preservatives'],
      medianPrice: 5, axes: [PACK_COUNT], consumable: true,
    },
  ],
};

export const OFFICE: Department = {
  name: 'Office',
  brands: ['Quillmark', 'Deskwise', 'Inkwell & Co', 'Paperhaus', 'Ledgerline', 'Ergoform'],
  leaves: [
    {
      path: ['Stationery', 'Notebooks'],
      nouns: ['Notebook', 'Dotted Journal', 'Spiral Notebook', 'Weekly Planner', 'Sketchbook'],
      adjectives: ['Hardcover', 'Lined', 'Softcover', 'Undated', 'Recycled', 'Pocket'],
      features: ['Elastic Closure', 'Numbered Pages', 'Ribbon Bookmark'],
      medianPrice: 14, axes: [axis('paperSize', ['A6', 'A5', 'A4'], 'suffix', '{v}', 1.2), HOME_COLOUR],
    },
    {
      path: ['Stationery', 'Pens'],
      nouns: ['Gel Pens', 'Ballpoint Pens', 'Fountain Pen', 'Fineliner Set', 'Highlighters'],
      adjectives: ['Quick-Dry', 'Smooth-Writing', 'Retractable', 'Fine Point', 'Pastel', 'Refillable'],
      features: ['Comfort Grip', 'Converter Included'],
      medianPrice: 9, axes: [PACK_COUNT, axis('inkColour', ['Black', 'Blue', 'Assorted'], 'suffix', '{v} Ink')], consumable: true,
    },
    {
      path: ['Furniture', 'Chairs'],
      nouns: ['Office Chair', 'Ergonomic Chair', 'Mesh Desk Chair', 'Task Chair', 'Kneeling Chair'],
      adjectives: ['Ergonomic', 'High-Back', 'Adjustable', 'Swivel', 'Breathable', 'Executive'],
      features: ['Lumbar Support', 'Adjustable Armrests', 'Headrest'],
      medianPrice: 189, axes: [axis('colour', ['Black', 'Grey', 'White', 'Navy'])], series: true,
    },
    {
      path: ['Furniture', 'Desks'],
      nouns: ['Standing Desk', 'Writing Desk', 'Corner Desk', 'Desk Converter', 'Computer Desk'],
      adjectives: ['Electric', 'Height-Adjustable', 'Compact', 'Solid Wood', 'L-Shaped', 'Minimalist'],
      features: ['Memory Presets', 'Cable Tray', 'Drawer'],
      medianPrice: 249, axes: [axis('widthCm', [100, 120, 140, 160], 'suffix', '{v} cm', 1.12), HOME_COLOUR],
    },
  ],
};

export const GARDEN: Department = {
  name: 'Garden',
  brands: ['Mossgrove', 'Terrafolia', 'Sproutwell', 'Hedgerow & Co', 'Petalcrest', 'Fernhollow'],
  leaves: [
    {
      path: ['Tools', 'Hand Tools'],
      nouns: ['Pruning Shears', 'Garden Trowel', 'Hand Rake', 'Garden Tool Set', 'Weeding Fork'],
      adjectives: ['Stainless Steel', 'Ergonomic', 'Bypass', 'Heavy-Duty', 'Rust-Resistant', 'Lightweight'],
      features: ['Soft-Grip Handle', 'Storage Bag', 'Safety Lock'],
      medianPrice: 22, axes: [axis('colour', ['Green', 'Orange', 'Black', 'Red'])],
    },
    {
      path: ['Watering', 'Hoses'],
      nouns: ['Garden Hose', 'Expandable Hose', 'Hose Nozzle', 'Hose Reel', 'Soaker Hose'],
      adjectives: ['Kink-Free', 'Lightweight', 'Heavy-Duty', 'Expandable', 'Leak-Proof', 'Flexible'],
      features: ['Brass Fittings', '10 Spray Patterns', 'Wall Mount'],
      medianPrice: 32, axes: [axis('lengthM', [10, 15, 25, 30], 'suffix', '{v} m', 1.2)],
    },
    {
      path: ['Plants', 'Planters'],
      nouns: ['Ceramic Planter', 'Hanging Planter', 'Raised Garden Bed', 'Self-Watering Pot', 'Window Box'],
      adjectives: ['Glazed', 'Modern', 'Terracotta', 'Galvanised', 'Drainage-Hole', 'Indoor', 'Outdoor'],
      features: ['Saucer', 'Drainage Plug'],
      medianPrice: 27, axes: [axis('diameterCm', [15, 20, 30, 40], 'suffix', '{v} cm', 1.3), HOME_COLOUR],
    },
    {
      path: ['Outdoor Lighting', 'Solar Lights'],
      nouns: ['Solar Path Lights', 'Solar String Lights', 'Solar Lanterns', 'Solar Spotlights', 'Solar Fairy Lights'],
      adjectives: ['Waterproof', 'Warm White', 'Motion-Sensor', 'Decorative', 'Bright', 'Auto On-Off'],
      features: ['Dusk-to-Dawn Sensor', 'Replaceable Battery'],
      medianPrice: 26, axes: [PACK_COUNT],
    },
  ],
};
