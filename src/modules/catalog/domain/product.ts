import { OcopLevel, OcopRating, ProductCategory } from './ocop-rating';

export interface Product {
  id: string;
  producerId: string;
  name: string;
  description: string | null;
  category: ProductCategory;
  unit: string;
  communeCode: string | null;
  provinceCode: string | null;
  ocop: OcopRating | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface RecordedRating extends OcopRating {
  id: string;
  ratedAt: Date;
  ratedBy: string | null;
}

export type { OcopLevel };
