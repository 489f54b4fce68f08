// The tutorial's five 10×10 training images (four "1"s, one "2") and their labels, in training order.

function oneImage(col: number): number[][] {
  return Array.from({ length: 10 }, () => Array.from({ length: 10 }, (_, j) => (j === col ? 1 : 0)));
}

const TWO = [
  '1111111110',
  '0000000010',
  '0000000010',
  '0000000010',
  '0111111110',
  '0100000010',
  '0100000000',
  '0100000000',
  '0111111110',
  '0000000000',
].map((row) => [...row].map(Number));

export const TUTORIAL_IMAGES: { name: string; image: number[][]; label: number }[] = [
  { name: 'one_image_1', image: oneImage(0), label: 1 },
  { name: 'one_image_2', image: oneImage(1), label: 1 },
  { name: 'one_image_3', image: oneImage(2), label: 1 },
  { name: 'one_image_4', image: oneImage(3), label: 1 },
  { name: 'two_image_1', image: TWO, label: 2 },
];

export const TUTORIAL_EPOCHS = 100;
