"""monev meetings and the PMPRB self-assessment

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-10 09:00:00

Meetings with their attendance list, agenda and decisions, each decision
linked to the action items that follow it up; self-assessment instruments
(a tree of nodes), assessments, their answers and the items made from their
gaps. Evidence gains two more holders (a meeting, an answer): exactly one
of item, meeting and answer is set. Users gain ``is_evaluator``.
"""
from alembic import op
import sqlalchemy as sa

import rbtasks.timeutil


# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

ONE_HOLDER = ("(CASE WHEN item_id IS NULL THEN 0 ELSE 1 END"
              " + CASE WHEN meeting_id IS NULL THEN 0 ELSE 1 END"
              " + CASE WHEN answer_id IS NULL THEN 0 ELSE 1 END) = 1")


def upgrade():
    op.create_table('meeting',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('held_at', rbtasks.timeutil.UTCDateTime(), nullable=False),
    sa.Column('place', sa.String(length=300), nullable=False),
    sa.Column('chair', sa.String(length=200), nullable=False),
    sa.Column('note_taker', sa.String(length=200), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', rbtasks.timeutil.UTCDateTime(), nullable=False),
    sa.Column('updated_at', rbtasks.timeutil.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_meeting_created_by_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting'))
    )
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.create_index('ix_meeting_held_at', ['held_at', 'id'], unique=False)

    op.create_table('pmprb_instrument',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('is_sample', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('loaded_by_id', sa.Integer(), nullable=True),
    sa.Column('loaded_at', rbtasks.timeutil.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['loaded_by_id'], ['user.id'], name=op.f('fk_pmprb_instrument_loaded_by_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pmprb_instrument')),
    sa.UniqueConstraint('name', 'year', name='uq_pmprb_instrument_name_year')
    )
    op.create_table('agenda_point',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('topic', sa.String(length=500), nullable=False),
    sa.Column('discussion', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_agenda_point_meeting_id_meeting'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda_point'))
    )
    with op.batch_alter_table('agenda_point', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agenda_point_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('decision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', rbtasks.timeutil.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_decision_created_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_decision_meeting_id_meeting'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decision'))
    )
    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decision_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('meeting_attendee',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('agency_name', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_meeting_attendee_meeting_id_meeting'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_meeting_attendee_user_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_attendee')),
    sa.UniqueConstraint('meeting_id', 'user_id', name='uq_meeting_attendee_user')
    )
    with op.batch_alter_table('meeting_attendee', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_attendee_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_attendee_user_id'), ['user_id'], unique=False)

    op.create_table('pmprb_assessment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('instrument_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('agency_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', rbtasks.timeutil.UTCDateTime(), nullable=False),
    sa.Column('updated_at', rbtasks.timeutil.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['agency_id'], ['agency.id'], name=op.f('fk_pmprb_assessment_agency_id_agency'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_pmprb_assessment_created_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['instrument_id'], ['pmprb_instrument.id'], name=op.f('fk_pmprb_assessment_instrument_id_pmprb_instrument'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pmprb_assessment'))
    )
    with op.batch_alter_table('pmprb_assessment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pmprb_assessment_agency_id'), ['agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pmprb_assessment_instrument_id'), ['instrument_id'], unique=False)

    op.create_table('pmprb_node',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('instrument_id', sa.Integer(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=500), nullable=False),
    sa.Column('weight', sa.Numeric(precision=9, scale=4), nullable=True),
    sa.Column('is_indicator', sa.Boolean(), nullable=False),
    sa.Column('question', sa.Text(), nullable=False),
    sa.Column('answer_type', sa.String(length=10), nullable=True),
    sa.Column('answer_min', sa.Numeric(precision=18, scale=4), nullable=True),
    sa.Column('answer_max', sa.Numeric(precision=18, scale=4), nullable=True),
    sa.Column('evidence_expected', sa.String(length=1000), nullable=False),
    sa.Column('area_name', sa.String(length=200), nullable=False),
    sa.CheckConstraint("answer_type IS NULL OR answer_type IN ('yes_no', 'abc', 'abcd', 'abcde', 'percent', 'number')", name=op.f('ck_pmprb_node_answer_type_valid')),
    sa.CheckConstraint('weight IS NULL OR weight >= 0', name=op.f('ck_pmprb_node_weight_positive')),
    sa.ForeignKeyConstraint(['instrument_id'], ['pmprb_instrument.id'], name=op.f('fk_pmprb_node_instrument_id_pmprb_instrument'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['parent_id'], ['pmprb_node.id'], name=op.f('fk_pmprb_node_parent_id_pmprb_node'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pmprb_node')),
    sa.UniqueConstraint('instrument_id', 'code', name='uq_pmprb_node_code')
    )
    with op.batch_alter_table('pmprb_node', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pmprb_node_instrument_id'), ['instrument_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pmprb_node_parent_id'), ['parent_id'], unique=False)

    op.create_table('decision_item',
    sa.Column('decision_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['decision_id'], ['decision.id'], name=op.f('fk_decision_item_decision_id_decision'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['item_id'], ['action_item.id'], name=op.f('fk_decision_item_item_id_action_item'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('decision_id', 'item_id', name=op.f('pk_decision_item')),
    sa.UniqueConstraint('item_id', name='uq_decision_item_item')
    )
    op.create_table('pmprb_answer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.Column('self_answer', sa.String(length=40), nullable=True),
    sa.Column('self_value', sa.Numeric(precision=7, scale=6), nullable=True),
    sa.Column('evaluator_answer', sa.String(length=40), nullable=True),
    sa.Column('evaluator_value', sa.Numeric(precision=7, scale=6), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('evaluator_note', sa.Text(), nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('answered_by_id', sa.Integer(), nullable=True),
    sa.Column('reviewed_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', rbtasks.timeutil.UTCDateTime(), nullable=False),
    sa.CheckConstraint("state IN ('draft', 'submitted', 'reviewed')", name=op.f('ck_pmprb_answer_state_valid')),
    sa.CheckConstraint('evaluator_value IS NULL OR (evaluator_value >= 0 AND evaluator_value <= 1)', name=op.f('ck_pmprb_answer_evaluator_value_range')),
    sa.CheckConstraint('self_value IS NULL OR (self_value >= 0 AND self_value <= 1)', name=op.f('ck_pmprb_answer_self_value_range')),
    sa.ForeignKeyConstraint(['answered_by_id'], ['user.id'], name=op.f('fk_pmprb_answer_answered_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['assessment_id'], ['pmprb_assessment.id'], name=op.f('fk_pmprb_answer_assessment_id_pmprb_assessment'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['indicator_id'], ['pmprb_node.id'], name=op.f('fk_pmprb_answer_indicator_id_pmprb_node'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['reviewed_by_id'], ['user.id'], name=op.f('fk_pmprb_answer_reviewed_by_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pmprb_answer')),
    sa.UniqueConstraint('assessment_id', 'indicator_id', name='uq_pmprb_answer_indicator')
    )
    with op.batch_alter_table('pmprb_answer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pmprb_answer_assessment_id'), ['assessment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pmprb_answer_indicator_id'), ['indicator_id'], unique=False)

    op.create_table('pmprb_gap_item',
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['assessment_id'], ['pmprb_assessment.id'], name=op.f('fk_pmprb_gap_item_assessment_id_pmprb_assessment'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['indicator_id'], ['pmprb_node.id'], name=op.f('fk_pmprb_gap_item_indicator_id_pmprb_node'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['item_id'], ['action_item.id'], name=op.f('fk_pmprb_gap_item_item_id_action_item'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('assessment_id', 'indicator_id', 'item_id', name=op.f('pk_pmprb_gap_item')),
    sa.UniqueConstraint('item_id', name='uq_pmprb_gap_item_item')
    )
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.add_column(sa.Column('meeting_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('answer_id', sa.Integer(), nullable=True))
        batch_op.alter_column('item_id',
               existing_type=sa.INTEGER(),
               nullable=True)
        batch_op.create_index(batch_op.f('ix_evidence_answer_id'), ['answer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_evidence_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_evidence_meeting_id_meeting'), 'meeting', ['meeting_id'], ['id'], ondelete='CASCADE')
        batch_op.create_foreign_key(batch_op.f('fk_evidence_answer_id_pmprb_answer'), 'pmprb_answer', ['answer_id'], ['id'], ondelete='CASCADE')
        if op.get_context().dialect.name != 'mysql':  # MariaDB: no CHECK on cascading keys
            batch_op.create_check_constraint(op.f('ck_evidence_one_holder'), ONE_HOLDER)

    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('is_evaluator', sa.Boolean(), server_default=sa.false(), nullable=False))



def downgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('is_evaluator')

    op.execute("DELETE FROM evidence WHERE item_id IS NULL")
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        if op.get_context().dialect.name != 'mysql':
            batch_op.drop_constraint(op.f('ck_evidence_one_holder'), type_='check')
        batch_op.drop_constraint(batch_op.f('fk_evidence_answer_id_pmprb_answer'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_evidence_meeting_id_meeting'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_evidence_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_evidence_answer_id'))
        batch_op.alter_column('item_id',
               existing_type=sa.INTEGER(),
               nullable=False)
        batch_op.drop_column('answer_id')
        batch_op.drop_column('meeting_id')

    op.drop_table('pmprb_gap_item')
    with op.batch_alter_table('pmprb_answer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pmprb_answer_indicator_id'))
        batch_op.drop_index(batch_op.f('ix_pmprb_answer_assessment_id'))

    op.drop_table('pmprb_answer')
    op.drop_table('decision_item')
    with op.batch_alter_table('pmprb_node', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pmprb_node_parent_id'))
        batch_op.drop_index(batch_op.f('ix_pmprb_node_instrument_id'))

    op.drop_table('pmprb_node')
    with op.batch_alter_table('pmprb_assessment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pmprb_assessment_instrument_id'))
        batch_op.drop_index(batch_op.f('ix_pmprb_assessment_agency_id'))

    op.drop_table('pmprb_assessment')
    with op.batch_alter_table('meeting_attendee', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_attendee_user_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_attendee_meeting_id'))

    op.drop_table('meeting_attendee')
    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decision_meeting_id'))

    op.drop_table('decision')
    with op.batch_alter_table('agenda_point', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agenda_point_meeting_id'))

    op.drop_table('agenda_point')
    op.drop_table('pmprb_instrument')
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.drop_index('ix_meeting_held_at')

    op.drop_table('meeting')
