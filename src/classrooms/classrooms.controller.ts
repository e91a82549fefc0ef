import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Authenticated, CurrentUser } from '../common/decorators';
import type { AuthUser } from '../common/decorators';
import { PageQuery } from '../common/pagination';
import { ParseObjectIdPipe } from '../common/validation';
import { AssignmentsService } from './assignments.service';
import { ClassAnalyticsService } from './class-analytics.service';
import type { AlertView, ClassAnalytics } from './class-analytics.service';
import { ClassroomsService } from './classrooms.service';
import {
  AddStudentsDto,
  AlertDecisionDto,
  AssignmentDto,
  AssignmentPageDto,
  ClassroomDto,
  ClassroomPageDto,
  CreateAssignmentDto,
  CreateClassroomDto,
  EnrolReportDto,
  JoinDto,
  MemberPageDto,
  StudentAssignmentPageDto,
  StudentClassroomDto,
  SubmissionPageDto,
  TeacherDto,
  UpdateClassroomDto,
} from './dto/classroom.dto';
import { Page } from '../common/pagination';

const Id = () => Param('id', ParseObjectIdPipe);

@ApiTags('classrooms')
@ApiBadRequestResponse({ description: 'Invalid input' })
@ApiNotFoundResponse({ description: 'No such classroom among those you teach' })
// Any signed-in user reaches these routes; only the classroom's teachers find it (others get 404).
@Authenticated()
@Controller('api/teacher/classrooms')
export class TeacherClassroomsController {
  constructor(
    private readonly classrooms: ClassroomsService,
    private readonly assignments: AssignmentsService,
    private readonly analytics: ClassAnalyticsService,
  ) {}

  @Post()
  @Authenticated({ roles: ['teacher'] })
  @ApiCreatedResponse({ type: ClassroomDto })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateClassroomDto): Promise<ClassroomDto> {
    return this.classrooms.create(user.id, body);
  }

  @Get()
  @ApiOkResponse({ type: ClassroomPageDto })
  list(@CurrentUser() user: AuthUser, @Query() q: PageQuery): Promise<ClassroomPageDto> {
    return this.classrooms.list(user.id, q.limit, q.cursor);
  }

  @Get(':id')
  @ApiOkResponse({ type: ClassroomDto })
  get(@CurrentUser() user: AuthUser, @Id() id: string): Promise<ClassroomDto> {
    return this.classrooms.get(user.id, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: ClassroomDto })
  update(
    @CurrentUser() user: AuthUser,
    @Id() id: string,
    @Body() body: UpdateClassroomDto,
  ): Promise<ClassroomDto> {
    return this.classrooms.update(user.id, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete the class (its owner only)' })
  @ApiNoContentResponse()
  remove(@CurrentUser() user: AuthUser, @Id() id: string): Promise<void> {
    return this.classrooms.remove(user.id, id);
  }

  @Post(':id/join-code')
  @HttpCode(200)
  @ApiOperation({ summary: 'Draw a new join code (the old one stops working) and enable it' })
  @ApiOkResponse({ type: ClassroomDto })
  rotateCode(@CurrentUser() user: AuthUser, @Id() id: string): Promise<ClassroomDto> {
    return this.classrooms.rotateJoinCode(user.id, id);
  }

  @Post(':id/teachers')
  @HttpCode(200)
  @ApiOperation({ summary: 'Add a co-teacher by email' })
  @ApiOkResponse({ type: ClassroomDto })
  addTeacher(
    @CurrentUser() user: AuthUser,
    @Id() id: string,
    @Body() body: TeacherDto,
  ): Promise<ClassroomDto> {
    return this.classrooms.addTeacher(user.id, id, body.email);
  }

  @Delete(':id/teachers')
  @ApiOperation({ summary: 'Remove a co-teacher by email' })
  @ApiOkResponse({ type: ClassroomDto })
  @ApiConflictResponse({ description: 'The owner cannot be removed' })
  removeTeacher(
    @CurrentUser() user: AuthUser,
    @Id() id: string,
    @Body() body: TeacherDto,
  ): Promise<ClassroomDto> {
    return this.classrooms.removeTeacher(user.id, id, body.email);
  }

  @Post(':id/students')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Add up to 500 students by email, with a report per row',
    description:
      'Registered students join at once; unknown emails are invited by email and join when they register.',
  })
  @ApiOkResponse({ type: EnrolReportDto })
  addStudents(
    @CurrentUser() user: AuthUser,
    @Id() id: string,
    @Body() body: AddStudentsDto,
  ): Promise<EnrolReportDto> {
    return this.classrooms.addStudents(user.id, id, body.emails);
  }

  @Get(':id/students')
  @ApiOkResponse({ type: MemberPageDto })
  students(
    @CurrentUser() user: AuthUser,
    @Id() id: string,
    @Query() q: PageQuery,
  ): Promise<MemberPageDto> {
    return this.classrooms.listStudents(user.id, id, 'active', q.limit, q.cursor);
  }

  @Delete(':id/students/:studentId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a student; their past submissions stay, marked withdrawn' })
  @ApiNoContentResponse()
  removeStudent(
    @CurrentUser() user: AuthUser,
    @Id() id: string,
    @Param('studentId', ParseObjectIdPipe) studentId: string,
  ): Promise<void> {
    return this.classrooms.removeStudent(user.id, id, studentId);
  }

  @Post(':id/assignments')
  @ApiCreatedResponse({ type: AssignmentDto })
  createAssignment(
    @CurrentUser() user: AuthUser,
    @Id() id: string,
    @Body() body: CreateAssignmentDto,
  ): Promise<AssignmentDto> {
    return this.assignments.create(user.id, id, body);
  }

  @Get(':id/assignments')
  @ApiOkResponse({ type: AssignmentPageDto })
  listAssignments(
    @CurrentUser() user: AuthUser,
    @Id() id: string,
    @Query() q: PageQuery,
  ): Promise<AssignmentPageDto> {
    return this.assignments.list(user.id, id, q.limit, q.cursor);
  }

  @Get(':id/assignments/:aid/submissions')
  @ApiOkResponse({ type: SubmissionPageDto })
  submissions(
    @CurrentUser() user: AuthUser,
    @Id() id: string,
    @Param('aid', ParseObjectIdPipe) aid: string,
    @Query() q: PageQuery,
  ): Promise<SubmissionPageDto> {
    return this.assignments.submissions(user.id, id, aid, q.limit, q.cursor);
  }

  @Get(':id/analytics')
  @ApiOperation({
    summary:
      'Class analytics: topic mastery, completion and scores, item analysis, spaced repetition',
  })
  @ApiOkResponse({ description: 'ClassAnalytics' })
  classAnalytics(@CurrentUser() user: AuthUser, @Id() id: string): Promise<ClassAnalytics> {
    return this.analytics.classAnalytics(user.id, id);
  }

  @Get(':id/alerts')
  @ApiOperation({ summary: 'Open intervention alerts, paginated by student' })
  @ApiOkResponse({ description: 'Alerts of a page of students' })
  alerts(
    @CurrentUser() user: AuthUser,
    @Id() id: string,
    @Query() q: PageQuery,
  ): Promise<Page<AlertView>> {
    return this.analytics.alerts(user.id, id, q.limit, q.cursor);
  }

  @Post(':id/alerts/decisions')
  @HttpCode(204)
  @ApiOperation({ summary: 'Acknowledge or dismiss an alert until its evidence changes' })
  @ApiNoContentResponse()
  decide(
    @CurrentUser() user: AuthUser,
    @Id() id: string,
    @Body() body: AlertDecisionDto,
  ): Promise<void> {
    return this.analytics.decide(user.id, id, body.key, body.decision);
  }
}

@ApiTags('classrooms')
@ApiBadRequestResponse({ description: 'Invalid input' })
@Authenticated({ roles: ['student'] })
@Controller('api')
export class StudentClassroomsController {
  constructor(
    private readonly classrooms: ClassroomsService,
    private readonly assignments: AssignmentsService,
  ) {}

  @Post('classrooms/join')
  @HttpCode(200)
  @ApiOkResponse({ type: StudentClassroomDto })
  @ApiNotFoundResponse({ description: 'No class has this code, or it is disabled' })
  join(@CurrentUser() user: AuthUser, @Body() body: JoinDto): Promise<StudentClassroomDto> {
    return this.classrooms.join(user.id, body.code);
  }

  @Get('classrooms')
  @ApiOkResponse({ type: [StudentClassroomDto] })
  mine(@CurrentUser() user: AuthUser): Promise<StudentClassroomDto[]> {
    return this.classrooms.classesOf(user.id);
  }

  @Delete('classrooms/:id/membership')
  @HttpCode(204)
  @ApiOperation({ summary: 'Leave a class' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  leave(@CurrentUser() user: AuthUser, @Id() id: string): Promise<void> {
    return this.classrooms.leave(user.id, id);
  }

  @Get('assignments')
  @ApiOkResponse({ type: StudentAssignmentPageDto })
  list(@CurrentUser() user: AuthUser, @Query() q: PageQuery): Promise<StudentAssignmentPageDto> {
    return this.assignments.listForStudent(user.id, q.limit, q.cursor);
  }

  @Post('assignments/:id/start')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start (or resume) the assignment: its session follows its rules' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Not open yet, or past the due date' })
  start(@CurrentUser() user: AuthUser, @Id() id: string) {
    return this.assignments.start(user.id, id);
  }
}
