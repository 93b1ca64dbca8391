import { INestApplicationContext } from '@nestjs/common';
import { Actor } from '@ocop/auth';
import { IdentityFacade } from '../modules/identity';
import { OrganizationRole, OrganizationsFacade } from '../modules/organizations';

export const DEMO_PASSWORD = 'ocop-demo-2026';

export interface DemoLogin {
  email: string;
  role: string;
  organization: string;
}

const DEMO_ADMIN = { email: 'admin@ocop-quangninh.vn', fullName: 'Văn phòng OCOP tỉnh Quảng Ninh' };

interface DemoMember {
  email: string;
  fullName: string;
  role: OrganizationRole;
  organization: {
    name: string;
    kind: string;
    communeCode: string;
    address: string;
    phone: string;
    taxCode?: string;
  };
}

/** The people of the demo province; each represents one organization, verified by the OCOP office. */
const DEMO_MEMBERS: DemoMember[] = [
  {
    email: 'htx.chebache@ocop-demo.vn',
    fullName: 'Nguyễn Thị Lan',
    role: 'producer',
    organization: {
      name: 'HTX Chè Đường Ba Chẽ',
      kind: 'cooperative',
      communeCode: '06970',
      address: 'Thôn Làng Mới, xã Ba Chẽ, Quảng Ninh',
      phone: '0203 3888 101',
    },
  },
  {
    email: 'chamuc.halong@ocop-demo.vn',
    fullName: 'Trần Văn Hải',
    role: 'producer',
    organization: {
      name: 'Công ty TNHH Chả mực Hạ Long',
      kind: 'enterprise',
      communeCode: '06685',
      address: 'Phố Bến Đoan, phường Hồng Gai, Quảng Ninh',
      phone: '0203 3626 262',
    },
  },
  {
    email: 'mien.binhlieu@ocop-demo.vn',
    fullName: 'Hoàng Thị Mai',
    role: 'producer',
    organization: {
      name: 'HTX Miến dong Bình Liêu',
      kind: 'cooperative',
      communeCode: '06838',
      address: 'Khu Bình Công, xã Bình Liêu, Quảng Ninh',
      phone: '0203 3878 303',
    },
  },
  {
    email: 'thumua@winmart-demo.vn',
    fullName: 'Lê Minh Tuấn',
    role: 'buyer',
    organization: {
      name: 'WinMart Quảng Ninh',
      kind: 'retail_chain',
      communeCode: '06673',
      address: 'Đường Hạ Long, phường Bãi Cháy, Quảng Ninh',
      phone: '024 7106 6866',
    },
  },
  {
    email: 'thumua@go-bigc-demo.vn',
    fullName: 'Phạm Thu Hà',
    role: 'buyer',
    organization: {
      name: 'GO! Hạ Long (Big C)',
      kind: 'retail_chain',
      communeCode: '06688',
      address: 'Khu Cột 3, phường Hạ Long, Quảng Ninh',
      phone: '0203 3636 868',
    },
  },
  {
    email: 'hoicho@xtm-quangninh-demo.vn',
    fullName: 'Đỗ Quang Vinh',
    role: 'organizer',
    organization: {
      name: 'Trung tâm Xúc tiến Thương mại Quảng Ninh',
      kind: 'fair_organizer',
      communeCode: '06685',
      address: 'Phường Hồng Gai, Quảng Ninh',
      phone: '0203 3835 555',
    },
  },
];

export function demoLogins(): DemoLogin[] {
  return [
    { email: DEMO_ADMIN.email, role: 'admin', organization: DEMO_ADMIN.fullName },
    ...DEMO_MEMBERS.map((m) => ({ email: m.email, role: m.role, organization: m.organization.name })),
  ];
}

/** Loads the demo province. Running it twice changes nothing: what exists is kept. */
export async function seedDemo(app: INestApplicationContext): Promise<string> {
  const identity = app.get(IdentityFacade);
  const organizations = app.get(OrganizationsFacade);
  await identity.ensureAdmin(DEMO_ADMIN.email, DEMO_PASSWORD, DEMO_ADMIN.fullName);
  const office: Actor = {
    userId: '00000000-0000-0000-0000-000000000000',
    role: 'admin',
    organizationId: null,
  };
  let created = 0;
  for (const member of DEMO_MEMBERS) {
    const enrolled = await identity.ensureMember({ ...member, password: DEMO_PASSWORD });
    if (enrolled.created) {
      created++;
      await organizations.verify(office, enrolled.organizationId);
    }
  }
  return created > 0
    ? `Đã tạo dữ liệu demo / demo data loaded: ${created} organizations.`
    : 'Dữ liệu demo đã có sẵn / demo data already present.';
}
