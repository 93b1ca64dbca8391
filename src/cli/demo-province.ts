/**
 * The demo province's content: Quang Ninh's producers and the products it is known for, with star
 * ratings spread as the real programme's are (mostly 3★, some 4★, a few 5★ national), the two
 * supermarket chains' buying and two upcoming fairs. Communes are current official codes (province 22).
 */

export interface DemoProduct {
  name: string;
  category: 'food' | 'beverage' | 'herbal' | 'textile' | 'handicraft' | 'tourism';
  unit: string;
  packSize: string;
  priceVnd: number;
  vatRate: 0 | 5 | 8 | 10;
  /** Stars and the day the certificate was issued; none for a product not yet rated. */
  rating?: { stars: 3 | 4 | 5; issuedOn: string };
}

export interface DemoProducer {
  email: string;
  fullName: string;
  name: string;
  kind: 'cooperative' | 'enterprise' | 'household' | 'farm';
  communeCode: string;
  address: string;
  products: DemoProduct[];
}

const p = (
  name: string,
  category: DemoProduct['category'],
  unit: string,
  packSize: string,
  priceVnd: number,
  vatRate: DemoProduct['vatRate'],
  stars?: 3 | 4 | 5,
  issuedOn?: string,
): DemoProduct => ({
  name,
  category,
  unit,
  packSize,
  priceVnd,
  vatRate,
  ...(stars ? { rating: { stars, issuedOn: issuedOn ?? '2025-09-15' } } : {}),
});

const producer = (
  email: string,
  fullName: string,
  name: string,
  kind: DemoProducer['kind'],
  communeCode: string,
  address: string,
  products: DemoProduct[],
): DemoProducer => ({ email, fullName, name, kind, communeCode, address, products });

/*
 * Issue dates spread the certificates' ends: one issued 2023-12-10 runs until 2026-12-09 (within the
 * office's 90-day watch on 2026-11-29), one issued 2023-06-01 has lapsed (the product counts as
 * unrated), district-level certificates only before 2025-07-01 as the programme's rules require.
 */
export const DEMO_PRODUCERS: DemoProducer[] = [
  producer(
    'htx.chebache@ocop-demo.vn',
    'Nguyễn Thị Lan',
    'HTX Chè Đường Ba Chẽ',
    'cooperative',
    '06970',
    'Thôn Làng Mới, xã Ba Chẽ',
    [
      p('Chè đường Ba Chẽ', 'beverage', 'hộp', 'hộp 200 g', 120_000, 5, 4, '2024-03-12'),
      p('Ba kích tím Ba Chẽ', 'herbal', 'kg', 'túi 1 kg', 450_000, 5, 4, '2025-08-20'),
    ],
  ),
  producer(
    'chamuc.halong@ocop-demo.vn',
    'Trần Văn Hải',
    'Công ty TNHH Chả mực Hạ Long',
    'enterprise',
    '06685',
    'Phố Bến Đoan, phường Hồng Gai',
    [
      p('Chả mực giã tay Hạ Long', 'food', 'kg', 'hộp 500 g', 380_000, 8, 5, '2025-10-05'),
      p('Chả mực chiên sẵn', 'food', 'hộp', 'hộp 300 g', 160_000, 8, 3, '2024-05-18'),
    ],
  ),
  producer(
    'mien.binhlieu@ocop-demo.vn',
    'Hoàng Thị Mai',
    'HTX Miến dong Bình Liêu',
    'cooperative',
    '06838',
    'Khu Bình Công, xã Bình Liêu',
    [
      p('Miến dong Bình Liêu', 'food', 'kg', 'gói 500 g', 90_000, 5, 4, '2024-11-02'),
      p('Miến dong sợi nhỏ', 'food', 'gói', 'gói 300 g', 55_000, 5, 3, '2023-12-10'),
    ],
  ),
  producer(
    'trahoavang.bache@ocop-demo.vn',
    'Đặng Văn Thành',
    'HTX Trà hoa vàng Ba Chẽ',
    'cooperative',
    '06970',
    'Thôn Khe Mằn, xã Ba Chẽ',
    [
      p('Trà hoa vàng Ba Chẽ', 'beverage', 'hộp', 'hộp 100 g', 650_000, 5, 4, '2025-09-01'),
      p('Trà hoa vàng túi lọc', 'beverage', 'hộp', 'hộp 20 túi', 220_000, 5, 3, '2025-12-01'),
    ],
  ),
  producer(
    'bakich.thanhlam@ocop-demo.vn',
    'Lý Văn Sáng',
    'HTX Ba kích Thanh Lâm',
    'cooperative',
    '06985',
    'Thôn Đồng Giảng, xã Lương Minh',
    [
      p('Rượu ba kích Thanh Lâm', 'beverage', 'chai', 'chai 500 ml', 280_000, 10, 3, '2024-07-10'),
      p('Ba kích khô thái lát', 'herbal', 'kg', 'túi 500 g', 520_000, 5, 3, '2023-06-01'),
    ],
  ),
  producer(
    'sasung.quanlan@ocop-demo.vn',
    'Phạm Văn Lộc',
    'Công ty CP Sá sùng Quan Lạn',
    'enterprise',
    '06994',
    'Xã đảo Quan Lạn, đặc khu Vân Đồn',
    [p('Sá sùng khô Quan Lạn', 'food', 'kg', 'túi 200 g', 1_200_000, 5, 5, '2025-11-12')],
  ),
  producer(
    'haisankho.coto@ocop-demo.vn',
    'Vũ Thị Hằng',
    'HTX Hải sản Cô Tô',
    'cooperative',
    '07192',
    'Khu 3, đặc khu Cô Tô',
    [
      p('Mực khô Cô Tô', 'food', 'kg', 'túi 500 g', 850_000, 5, 4, '2024-09-25'),
      p('Tôm he khô', 'food', 'kg', 'túi 250 g', 600_000, 5, 3, '2025-10-20'),
    ],
  ),
  producer(
    'nuocmam.cairong@ocop-demo.vn',
    'Ninh Văn Bình',
    'Công ty TNHH Nước mắm Cái Rồng',
    'enterprise',
    '06994',
    'Khu 7, đặc khu Vân Đồn',
    [
      p('Nước mắm Cái Rồng 40 độ đạm', 'food', 'chai', 'chai 500 ml', 95_000, 8, 4, '2024-02-01'),
      p('Nước mắm cốt cá cơm', 'food', 'chai', 'chai 1 l', 150_000, 8, 3, '2025-07-15'),
    ],
  ),
  producer(
    'gadoi.tienyen@ocop-demo.vn',
    'Chu Văn Hùng',
    'HTX Gà đồi Tiên Yên',
    'cooperative',
    '06862',
    'Khu phố Lý Thường Kiệt, xã Tiên Yên',
    [p('Gà đồi Tiên Yên nguyên con', 'food', 'kg', 'con 1,5–2 kg', 180_000, 5, 4, '2025-08-08')],
  ),
  producer(
    'ruoumo.yentu@ocop-demo.vn',
    'Đỗ Thị Thu',
    'HTX Rượu mơ Yên Tử',
    'cooperative',
    '06832',
    'Chân núi Yên Tử, phường Yên Tử',
    [
      p('Rượu mơ Yên Tử', 'beverage', 'chai', 'chai 750 ml', 240_000, 10, 4, '2024-12-15'),
      p('Mơ ngâm đường Yên Tử', 'food', 'hũ', 'hũ 1 kg', 120_000, 5, 3, '2025-09-30'),
    ],
  ),
  producer(
    'matong.dongtrieu@ocop-demo.vn',
    'Nguyễn Văn Quý',
    'Trang trại Mật ong Đông Triều',
    'farm',
    '07093',
    'Khu Vĩnh Hòa, phường Đông Triều',
    [p('Mật ong hoa rừng Đông Triều', 'food', 'chai', 'chai 500 ml', 260_000, 5, 3, '2025-07-20')],
  ),
  producer(
    'gomsu.dongtrieu@ocop-demo.vn',
    'Trịnh Văn Toàn',
    'Công ty CP Gốm sứ Đông Triều',
    'enterprise',
    '07093',
    'Phường Đông Triều',
    [
      p('Bình gốm men rạn Đông Triều', 'handicraft', 'chiếc', 'chiếc 30 cm', 450_000, 10, 4, '2025-09-09'),
      p('Bộ ấm chén gốm Đông Triều', 'handicraft', 'bộ', 'bộ 6 chén', 380_000, 10, 3, '2024-04-11'),
    ],
  ),
  producer(
    'sanho.mongcai@ocop-demo.vn',
    'Lương Thị Nga',
    'HTX Thủ công mỹ nghệ Móng Cái',
    'cooperative',
    '06709',
    'Phường Móng Cái 2',
    [p('Tranh than đá Hạ Long', 'handicraft', 'bức', 'bức 40×60 cm', 900_000, 10, 3, '2025-10-01')],
  ),
  producer(
    'banhgai.quangyen@ocop-demo.vn',
    'Bùi Thị Hoa',
    'Hộ kinh doanh Bánh gio Quảng Yên',
    'household',
    '07132',
    'Phường Quảng Yên',
    [p('Bánh gio Quảng Yên', 'food', 'chục', 'chục 10 chiếc', 60_000, 5, 3, '2025-11-01')],
  ),
  producer(
    'nhuyenthe.quangyen@ocop-demo.vn',
    'Trương Văn Đức',
    'HTX Hàu Quảng Yên',
    'cooperative',
    '07135',
    'Phường Đông Mai',
    [
      p('Hàu sữa Quảng Yên', 'food', 'kg', 'túi 1 kg', 70_000, 5, 3, '2025-12-05'),
      p('Ruốc hàu', 'food', 'hũ', 'hũ 200 g', 150_000, 5),
    ],
  ),
  producer(
    'nam.uongbi@ocop-demo.vn',
    'Phan Văn Nam',
    'HTX Nấm Uông Bí',
    'cooperative',
    '06811',
    'Phường Uông Bí',
    [p('Nấm linh chi Uông Bí', 'herbal', 'kg', 'túi 500 g', 700_000, 5, 3, '2024-10-10')],
  ),
  producer(
    'chebuom.damha@ocop-demo.vn',
    'Hà Văn Mạnh',
    'HTX Nông sản Đầm Hà',
    'cooperative',
    '06895',
    'Xã Đầm Hà',
    [
      p('Chè xanh Quảng Lâm', 'beverage', 'kg', 'túi 500 g', 200_000, 5, 3, '2025-08-12'),
      p('Lợn bản Đầm Hà sấy', 'food', 'kg', 'túi 500 g', 450_000, 8, 3, '2025-09-25'),
    ],
  ),
  producer(
    'sanhocmuc.haiha@ocop-demo.vn',
    'Vi Văn Tài',
    'HTX Thủy sản Quảng Hà',
    'cooperative',
    '06922',
    'Xã Quảng Hà',
    [p('Chả cá Hải Hà', 'food', 'kg', 'gói 500 g', 220_000, 8, 3, '2024-06-06')],
  ),
  producer(
    'khoailang.vandon@ocop-demo.vn',
    'Đinh Thị Lý',
    'Hộ kinh doanh Đặc sản Vân Đồn',
    'household',
    '06994',
    'Đặc khu Vân Đồn',
    [p('Ngán Vân Đồn ngâm', 'food', 'hũ', 'hũ 500 g', 180_000, 5)],
  ),
  producer(
    'dulich.binhlieu@ocop-demo.vn',
    'Nông Văn Tú',
    'HTX Du lịch cộng đồng Bình Liêu',
    'cooperative',
    '06841',
    'Xã Hoành Mô',
    [p('Tour sống lưng khủng long Bình Liêu', 'tourism', 'vé', 'vé 1 người', 350_000, 8, 3, '2025-10-15')],
  ),
  producer(
    'ongmat.hoanhbo@ocop-demo.vn',
    'Lục Văn Lâm',
    'HTX Dược liệu Hoành Bồ',
    'cooperative',
    '07030',
    'Phường Hoành Bồ',
    [
      p('Cao ba kích Hoành Bồ', 'herbal', 'hũ', 'hũ 100 g', 320_000, 5, 3, '2025-07-28'),
      p('Trà giảo cổ lam', 'herbal', 'hộp', 'hộp 200 g', 150_000, 5, 3, '2024-01-20'),
    ],
  ),
  producer(
    'mien.hoanhmo@ocop-demo.vn',
    'Sầm Thị Dung',
    'HTX Miến dong Hoành Mô',
    'cooperative',
    '06841',
    'Xã Hoành Mô',
    [p('Miến dong Hoành Mô', 'food', 'kg', 'gói 1 kg', 95_000, 5, 3, '2025-09-05')],
  ),
  producer(
    'dauphu.quangla@ocop-demo.vn',
    'Hoàng Văn Sơn',
    'HTX Nông nghiệp Quảng La',
    'cooperative',
    '07054',
    'Xã Quảng La',
    [p('Chè búp Quảng La', 'beverage', 'kg', 'túi 500 g', 180_000, 5, 3, '2025-10-10')],
  ),
  producer(
    'canhcam.haison@ocop-demo.vn',
    'Tằng Văn Phúc',
    'HTX Nông lâm Hải Sơn',
    'cooperative',
    '06724',
    'Xã Hải Sơn',
    [p('Quế Hải Sơn', 'herbal', 'kg', 'bó 1 kg', 120_000, 5, 3, '2025-08-01')],
  ),
  producer(
    'hai.san.vanninh@ocop-demo.vn',
    'Mạc Văn Long',
    'HTX Hải sản Vĩnh Thực',
    'cooperative',
    '06757',
    'Xã Vĩnh Thực',
    [p('Sá sùng tươi đông lạnh', 'food', 'kg', 'hộp 500 g', 950_000, 5, 3, '2025-11-05')],
  ),
  producer(
    'thucpham.caiChien@ocop-demo.vn',
    'Trần Thị Bích',
    'Hộ kinh doanh Cái Chiên',
    'household',
    '06967',
    'Xã Cái Chiên',
    [p('Mắm ruốc Cái Chiên', 'food', 'hũ', 'hũ 500 g', 80_000, 5)],
  ),
  producer(
    'ruou.tienyen@ocop-demo.vn',
    'Lã Văn Kiên',
    'HTX Rượu men lá Tiên Yên',
    'cooperative',
    '06874',
    'Xã Điền Xá',
    [p('Rượu men lá Tiên Yên', 'beverage', 'chai', 'chai 500 ml', 120_000, 10, 3, '2024-08-30')],
  ),
  producer(
    'chanhday.damha@ocop-demo.vn',
    'Ngô Thị Yến',
    'Trang trại Chanh leo Quảng Tân',
    'farm',
    '06913',
    'Xã Quảng Tân',
    [p('Nước cốt chanh leo', 'beverage', 'chai', 'chai 500 ml', 75_000, 8, 3, '2025-09-18')],
  ),
  producer(
    'thucpham.cuaong@ocop-demo.vn',
    'Lê Văn Toản',
    'Công ty TNHH Thực phẩm Cửa Ông',
    'enterprise',
    '06781',
    'Phường Cửa Ông',
    [
      p('Chả cá thu Cẩm Phả', 'food', 'kg', 'gói 500 g', 260_000, 8, 4, '2025-10-22'),
      p('Chả mực Cẩm Phả', 'food', 'kg', 'gói 500 g', 340_000, 8, 3, '2025-08-15'),
    ],
  ),
  producer(
    'tranh.halong@ocop-demo.vn',
    'Đoàn Thị Mơ',
    'HTX Tranh than Hạ Long',
    'cooperative',
    '06688',
    'Phường Hạ Long',
    [p('Tranh than đá Vịnh Hạ Long', 'handicraft', 'bức', 'bức 60×90 cm', 1_500_000, 10, 4, '2024-12-01')],
  ),
  producer(
    'ngoctrai.tuanchau@ocop-demo.vn',
    'Vương Thị Hà',
    'Công ty CP Ngọc trai Hạ Long',
    'enterprise',
    '06706',
    'Phường Tuần Châu',
    [p('Trang sức ngọc trai Hạ Long', 'handicraft', 'chiếc', 'hộp 1 chiếc', 2_500_000, 10, 5, '2025-11-20')],
  ),
  producer(
    'dulich.coto@ocop-demo.vn',
    'Lưu Văn Biển',
    'HTX Du lịch Cô Tô',
    'cooperative',
    '07192',
    'Đặc khu Cô Tô',
    [p('Tour khám phá đảo Cô Tô', 'tourism', 'vé', 'vé 1 người', 1_200_000, 8)],
  ),
  producer(
    'dongtrieu.vai@ocop-demo.vn',
    'Mai Thị Xuân',
    'HTX Dệt thổ cẩm Bình Liêu',
    'cooperative',
    '06856',
    'Xã Lục Hồn',
    [p('Khăn thổ cẩm Dao Thanh Phán', 'textile', 'chiếc', 'chiếc', 250_000, 10, 3, '2025-08-25')],
  ),
  producer(
    'banhkhoai.hoangque@ocop-demo.vn',
    'Cao Văn Hiếu',
    'Hộ kinh doanh Bánh khô Hoàng Quế',
    'household',
    '07114',
    'Phường Hoàng Quế',
    [p('Bánh cuốn chả mực khô', 'food', 'gói', 'gói 500 g', 70_000, 5)],
  ),
  producer(
    'nongsan.maokhe@ocop-demo.vn',
    'Tạ Văn Huy',
    'HTX Nông sản sạch Mạo Khê',
    'cooperative',
    '07069',
    'Phường Mạo Khê',
    [p('Vải thiều sấy Mạo Khê', 'food', 'kg', 'túi 500 g', 160_000, 5, 3, '2025-07-05')],
  ),
  producer(
    'ruouvang.hiephoa@ocop-demo.vn',
    'Kiều Văn Thịnh',
    'Công ty TNHH Đồ uống Hiệp Hòa',
    'enterprise',
    '07147',
    'Phường Hiệp Hòa',
    [p('Rượu vang sim Quảng Ninh', 'beverage', 'chai', 'chai 750 ml', 210_000, 10, 3, '2025-09-12')],
  ),
  producer(
    'chetan.hailang@ocop-demo.vn',
    'Hà Thị Liên',
    'HTX Chè Hải Lạng',
    'cooperative',
    '06886',
    'Xã Hải Lạng',
    [p('Chè Hải Lạng sao tay', 'beverage', 'kg', 'túi 500 g', 170_000, 5)],
  ),
  producer(
    'thuysan.haha@ocop-demo.vn',
    'Lục Thị Duyên',
    'HTX Thủy sản Đường Hoa',
    'cooperative',
    '06946',
    'Xã Đường Hoa',
    [p('Cá khô Đường Hoa', 'food', 'kg', 'túi 500 g', 300_000, 5, 3, '2025-10-28')],
  ),
  producer(
    'matong.bache@ocop-demo.vn',
    'La Văn Hòa',
    'Hộ kinh doanh Mật ong Kỳ Thượng',
    'household',
    '06979',
    'Xã Kỳ Thượng',
    [p('Mật ong bạc hà Kỳ Thượng', 'food', 'chai', 'chai 500 ml', 300_000, 5)],
  ),
  producer(
    'mamtom.haninh@ocop-demo.vn',
    'Hồ Thị Vân',
    'HTX Hải Ninh',
    'cooperative',
    '06733',
    'Xã Hải Ninh',
    [p('Mắm tôm Hải Ninh', 'food', 'hũ', 'hũ 300 g', 65_000, 5, 3, '2025-09-22')],
  ),
];

/** The three producers that the first demo already had keep their logins and names. */
export const EXISTING_DEMO_PRODUCERS = new Set([
  'htx.chebache@ocop-demo.vn',
  'chamuc.halong@ocop-demo.vn',
  'mien.binhlieu@ocop-demo.vn',
]);

export function demoProducerMember(producer: DemoProducer) {
  return {
    email: producer.email,
    fullName: producer.fullName,
    role: 'producer' as const,
    organization: {
      name: producer.name,
      kind: producer.kind,
      communeCode: producer.communeCode,
      address: `${producer.address}, Quảng Ninh`,
      phone: '0203 3' + String(producer.email.length * 7919).slice(-6),
    },
  };
}

/** Targets of the province's plan, per former district (the unit its history is kept in). */
export const DEMO_TARGETS: Array<{ formerDistrictCode: string; target: number }> = [
  { formerDistrictCode: '193', target: 30 }, // Thành phố Hạ Long
  { formerDistrictCode: '194', target: 12 }, // Thành phố Móng Cái
  { formerDistrictCode: '195', target: 12 }, // Thành phố Cẩm Phả
  { formerDistrictCode: '196', target: 15 }, // Thành phố Uông Bí
  { formerDistrictCode: '198', target: 12 }, // Huyện Bình Liêu
  { formerDistrictCode: '199', target: 12 }, // Huyện Tiên Yên
  { formerDistrictCode: '200', target: 10 }, // Huyện Đầm Hà
  { formerDistrictCode: '201', target: 12 }, // Huyện Hải Hà
  { formerDistrictCode: '202', target: 15 }, // Huyện Ba Chẽ
  { formerDistrictCode: '203', target: 15 }, // Huyện Vân Đồn
  { formerDistrictCode: '205', target: 20 }, // Thành phố Đông Triều
  { formerDistrictCode: '206', target: 12 }, // Thị xã Quảng Yên
  { formerDistrictCode: '207', target: 6 }, // Huyện Cô Tô
];

/**
 * How each supplier order of the demo ends, cycled over the orders of a few months: mostly
 * delivered, and every other state the contract knows. Orders of the last days stay open.
 */
export const DEMO_ORDER_PLAN: Array<'delivered' | 'rejected' | 'cancelled_after_accept' | 'expired'> = [
  'delivered',
  'delivered',
  'delivered',
  'rejected',
  'delivered',
  'delivered',
  'cancelled_after_accept',
  'delivered',
  'delivered',
  'expired',
];

export const DEMO_FAIRS = [
  {
    name: 'Hội chợ OCOP Quảng Ninh – Xuân Đinh Mùi 2027',
    venue: 'Cung Quy hoạch, Hội chợ và Triển lãm tỉnh Quảng Ninh',
    communeCode: '06685',
    startsAt: '2027-01-20T01:00:00.000Z',
    endsAt: '2027-01-26T14:00:00.000Z',
    bookingClosesAt: '2027-01-13T10:00:00.000Z',
    zones: [
      { zone: 'A', kind: 'standard', count: 12, areaM2: 9, priceVnd: 3_000_000 },
      { zone: 'B', kind: 'standard', count: 8, areaM2: 9, priceVnd: 2_500_000 },
      { zone: 'C', kind: 'corner', count: 4, areaM2: 12, priceVnd: 4_000_000 },
    ],
    bookings: 14,
  },
  {
    name: 'Phiên chợ OCOP Vân Đồn – Cái Rồng 2027',
    venue: 'Quảng trường Cái Rồng, đặc khu Vân Đồn',
    communeCode: '06994',
    startsAt: '2027-03-05T01:00:00.000Z',
    endsAt: '2027-03-07T14:00:00.000Z',
    bookingClosesAt: '2027-02-26T10:00:00.000Z',
    zones: [
      { zone: 'A', kind: 'standard', count: 8, areaM2: 6, priceVnd: 1_500_000 },
      { zone: 'B', kind: 'standard', count: 4, areaM2: 6, priceVnd: 0 },
    ],
    bookings: 6,
  },
];
