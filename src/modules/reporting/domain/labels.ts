/** Vietnamese names of the codes that reports show, as the OCOP office writes them. */
export const CATEGORY_LABELS: Record<string, string> = {
  food: 'Thực phẩm',
  beverage: 'Đồ uống',
  herbal: 'Thảo dược',
  textile: 'Vải và may mặc',
  handicraft: 'Lưu niệm – nội thất – trang trí',
  tourism: 'Dịch vụ du lịch cộng đồng',
};

export const KIND_LABELS: Record<string, string> = {
  cooperative: 'Hợp tác xã',
  enterprise: 'Doanh nghiệp',
  household: 'Hộ sản xuất',
  farm: 'Trang trại',
};

export const STATUS_LABELS: Record<string, string> = {
  pending: 'Chờ xác minh',
  verified: 'Đã xác minh',
  suspended: 'Tạm ngừng',
};

export const LEVEL_LABELS: Record<string, string> = {
  district: 'Cấp huyện',
  province: 'Cấp tỉnh',
  national: 'Cấp quốc gia',
};
