import { ApiProperty } from '@nestjs/swagger';
import { OrganizationView } from '../../organizations';
import { User } from '../domain/user';

export class UserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'lan.nguyen@htxbache.vn' }) email: string;
  @ApiProperty({ example: 'Nguyễn Thị Lan' }) fullName: string;
  @ApiProperty({ enum: ['producer', 'buyer', 'organizer', 'admin'] }) role: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) organizationId: string | null;
  @ApiProperty({ enum: ['vi', 'en'] }) locale: string;
  @ApiProperty() createdAt: string;
}

export class SessionView {
  @ApiProperty({ description: 'JWT, valid for ACCESS_TOKEN_TTL_SECONDS' }) accessToken: string;
  @ApiProperty({ description: 'Opaque; single use, rotated by POST /auth/refresh' }) refreshToken: string;
  @ApiProperty({ example: 900 }) expiresIn: number;
  @ApiProperty({ type: UserView }) user: UserView;
}

export class RegistrationView extends SessionView {
  @ApiProperty({ type: OrganizationView }) organization: OrganizationView;
}

export class MemberView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() fullName: string;
  @ApiProperty() role: string;
}

export class MemberPageView {
  @ApiProperty({ type: [MemberView] }) items: MemberView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export function toUserView(user: User): UserView {
  return {
    id: user.id,
    email: user.email,
    fullName: user.fullName,
    role: user.role,
    organizationId: user.organizationId,
    locale: user.locale,
    createdAt: user.createdAt.toISOString(),
  };
}
